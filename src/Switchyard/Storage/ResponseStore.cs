using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Switchyard.Storage;

/// <summary>A stored response: its conversation so far (JSON items a later turn continues from) and the response object (JSON).</summary>
internal sealed record StoredResponse(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Conversation, string Response);

/// <summary>What a lookup found: the row, or nothing, or a row past its expiry (kept apart so the error can say so).</summary>
internal sealed record StoredResponseLookup(StoredResponse? Response, bool Expired);

/// <summary>
/// Responses kept for <c>previous_response_id</c> and <c>GET /v1/responses/{id}</c>, in <c>responses.db</c>, a SQLite file
/// of its own in the data directory (owner-only, WAL, busy timeout; every instance sharing the directory shares it).
/// Bounded: each save deletes expired rows and the oldest beyond a row cap. Holds JSON text only; the Responses door
/// decides what goes in. Thread-safe (a connection per call).
/// </summary>
internal sealed class ResponseStore(string dataDir, string databasePath, double busyTimeoutSeconds) : IDisposable
{
    public const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS responses (
            id TEXT PRIMARY KEY,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            conversation TEXT NOT NULL,
            response TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS responses_created ON responses (created_at DESC);
        """;

    private readonly string _connectionString = OwnerOnlySqlite.ConnectionString(databasePath, busyTimeoutSeconds);
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public string DatabasePath => databasePath;

    /// <summary>Stores <paramref name="row"/>, then removes rows expired at <paramref name="now"/> and all but the newest <paramref name="maxRows"/>.</summary>
    public async Task SaveAsync(StoredResponse row, DateTimeOffset now, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR REPLACE INTO responses (id, created_at, expires_at, conversation, response) VALUES ($id, $created, $expires, $conversation, $response)";
            insert.Parameters.AddWithValue("$id", row.Id);
            insert.Parameters.AddWithValue("$created", row.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$expires", row.ExpiresAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$conversation", row.Conversation);
            insert.Parameters.AddWithValue("$response", row.Response);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var trim = connection.CreateCommand())
        {
            trim.CommandText = """
                DELETE FROM responses WHERE expires_at <= $now;
                DELETE FROM responses WHERE id IN (SELECT id FROM responses ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET $max);
                """;
            trim.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            trim.Parameters.AddWithValue("$max", Math.Max(1, maxRows));
            await trim.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The row with <paramref name="id"/>; <see cref="StoredResponseLookup.Expired"/> when it is past its expiry at <paramref name="now"/>.</summary>
    public async Task<StoredResponseLookup> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at, expires_at, conversation, response FROM responses WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new StoredResponseLookup(null, Expired: false);
        }

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        if (expires <= now)
        {
            return new StoredResponseLookup(null, Expired: true);
        }

        return new StoredResponseLookup(
            new StoredResponse(id, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), expires, reader.GetString(2), reader.GetString(3)),
            Expired: false);
    }

    /// <summary>Deletes the row; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM responses WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>How many rows are kept (expired ones included until the next save).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM responses";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _createLock.Dispose();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await OwnerOnlySqlite.OpenAsync(dataDir, databasePath, _connectionString, busyTimeoutSeconds, "", cancellationToken);
        if (_created)
        {
            return connection;
        }

        await _createLock.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await SwitchyardDb.ExecuteAsync(connection, Schema + $"PRAGMA user_version = {SchemaVersion.ToString(CultureInfo.InvariantCulture)};", cancellationToken);
                _created = true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        finally
        {
            _createLock.Release();
        }

        return connection;
    }
}
