using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Switchyard.Storage;

/// <summary>One remembered thinking entry on disk (<see cref="Family"/> empty for a rejected signature).</summary>
internal sealed record ThinkingRow(string Key, string Text, string Signature, string Family, long ExpiresAtMs);

/// <summary>
/// Signed thinking the gateway remembers, in a SQLite file of its own in the data directory (owner-only, WAL), so
/// a tool loop continues after a restart. Bounded: at most <c>maxRows</c> rows are kept (the oldest written go
/// first) and expired rows are deleted on every write. The schema is created on first open (<c>user_version</c>).
/// </summary>
internal sealed class ThinkingStore(string dataDir, string path, double busyTimeoutSeconds, int maxRows)
{
    public const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS thinking (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            signature TEXT NOT NULL,
            family TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """;

    private readonly string _connectionString = OwnerOnlySqlite.ConnectionString(path, busyTimeoutSeconds);
    private bool _created;

    public string DatabasePath => path;

    /// <summary>Every row not expired at <paramref name="nowMs"/>, oldest first.</summary>
    public async Task<List<ThinkingRow>> LoadAsync(long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, text, signature, family, expires_at FROM thinking WHERE expires_at > $now ORDER BY id";
        command.Parameters.AddWithValue("$now", nowMs);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ThinkingRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ThinkingRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return rows;
    }

    /// <summary>Writes <paramref name="rows"/> (a key written again replaces its row), then deletes expired and surplus rows.</summary>
    public async Task WriteAsync(IReadOnlyList<ThinkingRow> rows, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT OR REPLACE INTO thinking (key, text, signature, family, expires_at)
                VALUES ($key, $text, $signature, $family, $expires)
                """;
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var signature = insert.Parameters.Add("$signature", SqliteType.Text);
            var family = insert.Parameters.Add("$family", SqliteType.Text);
            var expires = insert.Parameters.Add("$expires", SqliteType.Integer);
            foreach (var row in rows)
            {
                key.Value = row.Key;
                text.Value = row.Text;
                signature.Value = row.Signature;
                family.Value = row.Family;
                expires.Value = row.ExpiresAtMs;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await SwitchyardDb.ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture,
            $"DELETE FROM thinking WHERE expires_at <= {nowMs}; DELETE FROM thinking WHERE id <= (SELECT id FROM thinking ORDER BY id DESC LIMIT 1 OFFSET {maxRows});"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await OwnerOnlySqlite.OpenAsync(dataDir, path, _connectionString, busyTimeoutSeconds, "PRAGMA synchronous = NORMAL;", cancellationToken);
        if (_created)
        {
            return connection;
        }

        try
        {
            await using var read = connection.CreateCommand();
            read.CommandText = "PRAGMA user_version";
            var version = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
            if (version > SchemaVersion)
            {
                throw new InvalidOperationException($"{Path.GetFileName(path)} has schema version {version}, newer than this Switchyard knows ({SchemaVersion}).");
            }

            if (version < SchemaVersion)
            {
                await SwitchyardDb.ExecuteAsync(connection, Schema + $"PRAGMA user_version = {SchemaVersion.ToString(CultureInfo.InvariantCulture)};", cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _created = true;
        return connection;
    }
}
