CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL COLLATE NOCASE UNIQUE,
    tier TEXT NOT NULL DEFAULT 'Unknown',
    project_id TEXT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT NULL,
    refresh_token BLOB NOT NULL,
    access_token BLOB NULL,
    access_expires_at TEXT NULL,
    cooldown_until TEXT NULL,
    cooldown_reason TEXT NULL,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE quotas (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    model_group TEXT NOT NULL,
    remaining_fraction REAL NOT NULL,
    reset_time TEXT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, model_group)
);
