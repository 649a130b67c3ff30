using System.Globalization;

namespace Switchyard.Storage;

/// <summary>What a <see cref="PoolClearStore"/> request asks a running gateway to forget.</summary>
internal static class PoolClearKinds
{
    public const string Cooldowns = "cooldowns";
    public const string Bindings = "bindings";
}

/// <summary>One clear asked for by the CLI: cooldowns (of one account, or all when null) or session bindings.</summary>
internal sealed record PoolClearRequest(long Id, string What, string? AccountId);

/// <summary>
/// Clears asked for by <c>switchyard cooldowns clear</c> and <c>bindings clear</c>, in the accounts database: the CLI
/// deletes the stored cooldowns itself and leaves a request a running gateway applies to its memory (it polls the table),
/// so a cleared cooldown is gone at once and after a restart.
/// </summary>
internal sealed class PoolClearStore(SwitchyardDb db, TimeProvider time)
{
    /// <summary>Deletes the stored cooldowns (all, or one account's) and records the request; returns how many rows went.</summary>
    public async Task<int> RequestAsync(string what, string? accountId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        if (what == PoolClearKinds.Cooldowns)
        {
            await using var delete = connection.CreateCommand();
            delete.CommandText = accountId is null
                ? "DELETE FROM cooldowns"
                : "DELETE FROM cooldowns WHERE account_id = $account";
            if (accountId is not null)
            {
                delete.Parameters.AddWithValue("$account", accountId);
            }

            deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
            await using var account = connection.CreateCommand();
            account.CommandText = accountId is null
                ? "UPDATE accounts SET cooldown_until = NULL, cooldown_reason = NULL"
                : "UPDATE accounts SET cooldown_until = NULL, cooldown_reason = NULL WHERE id = $account";
            if (accountId is not null)
            {
                account.Parameters.AddWithValue("$account", accountId);
            }

            await account.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO pool_clears (what, account_id, requested_at) VALUES ($what, $account, $at)";
            insert.Parameters.AddWithValue("$what", what);
            insert.Parameters.AddWithValue("$account", (object?)accountId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The requests after <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PoolClearRequest>> AfterAsync(long afterId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, what, account_id FROM pool_clears WHERE id > $after ORDER BY id";
        command.Parameters.AddWithValue("$after", afterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<PoolClearRequest>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new PoolClearRequest(reader.GetInt64(0), reader.GetString(1), await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetString(2)));
        }

        return list;
    }

    /// <summary>The newest request's id (0 when none): a gateway starting up skips what the CLI already wrote to the table.</summary>
    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM pool_clears";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
