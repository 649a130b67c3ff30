using System.Globalization;
using Switchyard.Storage;

namespace Switchyard.RateLimits;

/// <summary>Cooldowns in the accounts database, so rate-limit state and reset times survive a restart.</summary>
internal sealed class CooldownStore(SwitchyardDb db)
{
    public async Task<IReadOnlyList<CooldownSnapshotEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, model_group, pool, kind, cooling_until, consecutive_failures FROM cooldowns";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<CooldownSnapshotEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Enum.TryParse<UpstreamFailureKind>(reader.GetString(3), out var kind)
                && DateTimeOffset.TryParse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until))
            {
                entries.Add(new CooldownSnapshotEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), kind, until, reader.GetInt32(5)));
            }
        }

        return entries;
    }

    /// <summary>Replaces the stored cooldowns with <paramref name="entries"/> in one transaction.</summary>
    public async Task SaveAsync(IReadOnlyList<CooldownSnapshotEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand())
        {
            clear.CommandText = "DELETE FROM cooldowns";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO cooldowns (account_id, model_group, pool, kind, cooling_until, consecutive_failures)
                VALUES ($account, $group, $pool, $kind, $until, $consecutive)
                """;
            var account = insert.Parameters.Add("$account", Microsoft.Data.Sqlite.SqliteType.Text);
            var group = insert.Parameters.Add("$group", Microsoft.Data.Sqlite.SqliteType.Text);
            var pool = insert.Parameters.Add("$pool", Microsoft.Data.Sqlite.SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", Microsoft.Data.Sqlite.SqliteType.Text);
            var until = insert.Parameters.Add("$until", Microsoft.Data.Sqlite.SqliteType.Text);
            var consecutive = insert.Parameters.Add("$consecutive", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var e in entries)
            {
                account.Value = e.AccountId;
                group.Value = e.Group;
                pool.Value = e.Pool;
                kind.Value = e.Kind.ToString();
                until.Value = e.CoolingUntil.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
                consecutive.Value = e.ConsecutiveFailures;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
