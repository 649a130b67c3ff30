CREATE TABLE pool_clears (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    what TEXT NOT NULL,
    account_id TEXT,
    requested_at TEXT NOT NULL
);
