using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.Storage;

/// <summary>
/// Opens connections to the SQLite database in the data directory: WAL, a busy timeout so a second
/// process waits for a lock instead of failing at once, foreign keys on. The first open creates the file
/// owner-only and applies the embedded migrations (<c>Storage/Migrations/NNNN_name.sql</c>) in order,
/// inside one transaction, recording each in <c>schema_version</c>. Thread-safe.
/// </summary>
internal sealed class SwitchyardDb : IDisposable
{
    private readonly string _connectionString;
    private readonly double _busyTimeoutSeconds;
    private readonly SemaphoreSlim _migrateLock = new(1, 1);
    private volatile bool _migrated;

    public SwitchyardDb(GatewayPaths paths, IOptions<StorageOptions> options)
    {
        DataDir = paths.DataDir;
        DatabasePath = Path.Combine(paths.DataDir, options.Value.DatabaseFile);
        _busyTimeoutSeconds = options.Value.BusyTimeoutSeconds;
        _connectionString = OwnerOnlySqlite.ConnectionString(DatabasePath, _busyTimeoutSeconds);
    }

    public string DataDir { get; }

    public string DatabasePath { get; }

    /// <summary>An open connection on a migrated database.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    private Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken) =>
        OwnerOnlySqlite.OpenAsync(DataDir, DatabasePath, _connectionString, _busyTimeoutSeconds, "PRAGMA foreign_keys = ON;", cancellationToken);

    /// <summary>Database, WAL and shared-memory files: owner-only.</summary>
    public void RestrictFiles() => OwnerOnlySqlite.Restrict(DatabasePath);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrateLock.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var connection = await OpenRawAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", cancellationToken);
            var applied = new HashSet<int>();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT version FROM schema_version";
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            foreach (var migration in Migrations.All)
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, datetime('now'))";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _migrated = true;
        }
        finally
        {
            _migrateLock.Release();
        }
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _migrateLock.Dispose();

    /// <summary>True when SQLite gave up waiting for another connection's lock.</summary>
    public static bool IsLocked(SqliteException ex) => ex.SqliteErrorCode is 5 or 6;
}
