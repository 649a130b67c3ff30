using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Storage;

namespace Switchyard.RequestLog;

/// <summary>
/// Opens connections to <c>requests.db</c>, a SQLite file of its own beside the accounts database (so a busy log
/// never holds the accounts' write lock, and its schema evolves apart). WAL, a busy timeout, files owner-only
/// (0600). The schema is created on first open and versioned with <c>PRAGMA user_version</c>; incremental
/// auto-vacuum lets retention give space back. Thread-safe.
/// </summary>
internal sealed class RequestLogDb : IDisposable
{
    /// <summary>The schema version this code writes.</summary>
    public const int SchemaVersion = 3;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS requests (
            id TEXT PRIMARY KEY,
            started_at INTEGER NOT NULL,
            protocol TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            client_key TEXT,
            session_hash TEXT,
            session_source TEXT,
            requested_model TEXT,
            mapped_model TEXT,
            stream INTEGER NOT NULL,
            account_id TEXT,
            account_email TEXT,
            decision TEXT,
            status INTEGER NOT NULL,
            is_error INTEGER NOT NULL,
            error TEXT,
            latency_ms REAL NOT NULL,
            ttfb_ms REAL,
            input_tokens INTEGER,
            output_tokens INTEGER,
            thinking_tokens INTEGER,
            cached_tokens INTEGER,
            waited_ms REAL NOT NULL,
            attempt_count INTEGER NOT NULL,
            repair_count INTEGER NOT NULL,
            attempts TEXT NOT NULL,
            repairs TEXT NOT NULL,
            request_body TEXT,
            credits_consumed INTEGER,
            trace TEXT
        );
        CREATE INDEX IF NOT EXISTS requests_started ON requests (started_at DESC, id DESC);
        CREATE INDEX IF NOT EXISTS requests_account ON requests (account_email, started_at DESC);
        CREATE INDEX IF NOT EXISTS requests_session ON requests (session_hash, started_at DESC);
        CREATE TABLE IF NOT EXISTS usage_hourly (
            hour INTEGER NOT NULL,
            account TEXT NOT NULL,
            model TEXT NOT NULL,
            requests INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            rate_limited INTEGER NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            thinking_tokens INTEGER NOT NULL,
            cached_tokens INTEGER NOT NULL,
            PRIMARY KEY (hour, account, model)
        ) WITHOUT ROWID;
        """;

    /// <summary>From version 1: the credits an answer spent (upstream-2026 §3.3).</summary>
    private const string UpgradeTo2 = "ALTER TABLE requests ADD COLUMN credits_consumed INTEGER;";

    /// <summary>From version 2: the decision trace as JSON (issue 19).</summary>
    private const string UpgradeTo3 = "ALTER TABLE requests ADD COLUMN trace TEXT;";

    private readonly string _connectionString;
    private readonly double _busyTimeoutSeconds;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public RequestLogDb(GatewayPaths paths, IOptions<RequestLogOptions> options, IOptions<StorageOptions> storage)
    {
        DataDir = paths.DataDir;
        DatabasePath = Path.Combine(paths.DataDir, options.Value.DatabaseFile);
        _busyTimeoutSeconds = storage.Value.BusyTimeoutSeconds;
        _connectionString = OwnerOnlySqlite.ConnectionString(DatabasePath, _busyTimeoutSeconds);
    }

    public string DataDir { get; }

    public string DatabasePath { get; }

    /// <summary>An open connection on a database with the current schema.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await CreateAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    private Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken) =>
        OwnerOnlySqlite.OpenAsync(DataDir, DatabasePath, _connectionString, _busyTimeoutSeconds, "PRAGMA synchronous = NORMAL;", cancellationToken);

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _createLock.WaitAsync(cancellationToken);
        try
        {
            if (_created)
            {
                return;
            }

            await using var connection = await OpenRawAsync(cancellationToken);
            long version;
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = "PRAGMA user_version";
                version = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
            }

            if (version > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(DatabasePath)} has schema version {version}, newer than this Switchyard knows ({SchemaVersion}).");
            }

            // Incremental auto-vacuum is what lets retention and the data budget give space back. It takes effect
            // only through a VACUUM once the file is in WAL mode (as every connection puts it first), which also
            // converts a file created without it; on a new file that VACUUM costs nothing.
            await using (var mode = connection.CreateCommand())
            {
                mode.CommandText = "PRAGMA auto_vacuum";
                if ((long)(await mode.ExecuteScalarAsync(cancellationToken))! != 2)
                {
                    await SwitchyardDb.ExecuteAsync(connection, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM;", cancellationToken);
                }
            }

            if (version < SchemaVersion)
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var steps = version == 0 ? Schema : (version < 2 ? UpgradeTo2 : "") + UpgradeTo3;
                await SwitchyardDb.ExecuteAsync(connection, steps, cancellationToken);
                await SwitchyardDb.ExecuteAsync(connection, $"PRAGMA user_version = {SchemaVersion.ToString(CultureInfo.InvariantCulture)};", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            _created = true;
        }
        finally
        {
            _createLock.Release();
        }
    }

    public void Dispose() => _createLock.Dispose();
}
