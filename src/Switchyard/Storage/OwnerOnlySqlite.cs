using System.Globalization;
using Microsoft.Data.Sqlite;
using Switchyard.Foundation;

namespace Switchyard.Storage;

/// <summary>
/// A SQLite file in the data directory that only its owner may read: created 0600 before SQLite first opens it,
/// opened in WAL mode with a busy timeout (a second process waits for a lock instead of failing at once), and its
/// WAL and shared-memory files restricted the same way after every open. Shared by every database Switchyard keeps.
/// </summary>
internal static class OwnerOnlySqlite
{
    public static string ConnectionString(string path, double busyTimeoutSeconds) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeoutSeconds)),
    }.ToString();

    /// <summary>An open connection; <paramref name="pragmas"/> (e.g. <c>PRAGMA foreign_keys = ON;</c>) run after the busy timeout and WAL.</summary>
    public static async Task<SqliteConnection> OpenAsync(string dataDir, string path, string connectionString, double busyTimeoutSeconds, string pragmas, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            DataDirectory.Ensure(dataDir);
            try
            {
                using var _ = new FileStream(path, OwnerOnlyFiles.CreateOptions());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created by another process meanwhile.
            }
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var busyMs = (int)(busyTimeoutSeconds * 1000);
            await SwitchyardDb.ExecuteAsync(connection, $"PRAGMA busy_timeout = {busyMs.ToString(CultureInfo.InvariantCulture)};", cancellationToken);
            await SwitchyardDb.ExecuteAsync(connection, "PRAGMA journal_mode = WAL; " + pragmas, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        Restrict(path);
        return connection;
    }

    /// <summary>Database, WAL and shared-memory files: owner-only.</summary>
    public static void Restrict(string path)
    {
        OwnerOnlyFiles.Restrict(path);
        OwnerOnlyFiles.Restrict(path + "-wal");
        OwnerOnlyFiles.Restrict(path + "-shm");
    }
}
