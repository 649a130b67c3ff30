CREATE TABLE cooldowns (
    account_id TEXT NOT NULL,
    model_group TEXT NOT NULL,
    pool TEXT NOT NULL,
    kind TEXT NOT NULL,
    cooling_until TEXT NOT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, model_group, pool)
);
