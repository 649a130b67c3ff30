using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Switchyard.Foundation;
using Switchyard.Storage;

namespace Switchyard.Accounts;

/// <summary>
/// Accounts in SQLite. Tokens are sealed with <see cref="SecretBox"/> before they are written. Each
/// method is one transaction, so a failure leaves the store as it was. Safe across processes (SQLite
/// locking) and threads (a connection per call).
/// </summary>
internal sealed class AccountStore(SwitchyardDb db, SecretBox secrets, TimeProvider time)
{
    private const string Columns = "id, email, tier, project_id, enabled, disabled_reason, cooldown_until, cooldown_reason, added_at, updated_at, verification_url";

    public SwitchyardDb Db => db;

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ListAsync(connection, cancellationToken);
    }

    public static async Task<IReadOnlyList<Account>> ListAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM accounts ORDER BY added_at, email";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    /// <summary>The account whose id or email (any case) is <paramref name="idOrEmail"/>.</summary>
    public async Task<Account?> FindAsync(string idOrEmail, CancellationToken cancellationToken)
    {
        var all = await ListAsync(cancellationToken);
        return all.FirstOrDefault(a => a.Id == idOrEmail) ?? all.FirstOrDefault(a => string.Equals(a.Email, idOrEmail, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<AccountSecrets?> GetSecretsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT refresh_token, access_token, access_expires_at FROM accounts WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var refresh = secrets.Open((byte[])reader[0]);
        string? access = null;
        if (!await reader.IsDBNullAsync(1, cancellationToken))
        {
            try
            {
                access = secrets.Open((byte[])reader[1]);
            }
            catch (CryptographicException)
            {
                access = null;
            }
        }

        return new AccountSecrets(refresh, access, access is null ? null : ReadTime(reader, 2));
    }

    /// <summary>Adds each account, or merges it into the stored one with the same email; all or nothing.</summary>
    public async Task<IReadOnlyList<(Account Account, bool Added)>> UpsertAsync(IReadOnlyList<NewAccount> accounts, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var now = Format(time.GetUtcNow());
        var added = new List<(string Id, bool Added)>();
        foreach (var account in accounts)
        {
            string? existing;
            await using (var find = connection.CreateCommand())
            {
                find.CommandText = "SELECT id FROM accounts WHERE email = $email";
                find.Parameters.AddWithValue("$email", account.Email);
                existing = (string?)await find.ExecuteScalarAsync(cancellationToken);
            }

            await using var command = connection.CreateCommand();
            if (existing is null)
            {
                existing = NewId();
                command.CommandText = """
                    INSERT INTO accounts (id, email, tier, project_id, enabled, disabled_reason, refresh_token, access_token, access_expires_at, added_at, updated_at)
                    VALUES ($id, $email, $tier, $project, $enabled, $reason, $refresh, $access, $expires, $added, $now)
                    """;
                command.Parameters.AddWithValue("$added", account.AddedAt is { } a ? Format(a) : now);
                added.Add((existing, true));
            }
            else
            {
                command.CommandText = """
                    UPDATE accounts SET
                        tier = CASE WHEN $tier = 'Unknown' THEN tier ELSE $tier END,
                        project_id = COALESCE($project, project_id),
                        enabled = COALESCE($enabledOrNull, enabled),
                        disabled_reason = CASE WHEN $enabledOrNull IS NULL THEN disabled_reason ELSE $reason END,
                        refresh_token = $refresh,
                        access_token = $access, access_expires_at = $expires,
                        cooldown_until = NULL, cooldown_reason = NULL,
                        updated_at = $now
                    WHERE id = $id
                    """;
                command.Parameters.AddWithValue("$enabledOrNull", account.Enabled is { } e ? (e ? 1 : 0) : DBNull.Value);
                added.Add((existing, false));
            }

            command.Parameters.AddWithValue("$id", existing);
            command.Parameters.AddWithValue("$email", account.Email);
            command.Parameters.AddWithValue("$tier", account.Tier.ToString());
            command.Parameters.AddWithValue("$project", (object?)account.ProjectId ?? DBNull.Value);
            command.Parameters.AddWithValue("$enabled", account.Enabled is false ? 0 : 1);
            command.Parameters.AddWithValue("$reason", account.Enabled is false ? BoundedText.Clip(account.DisabledReason ?? "disabled in the imported file", BoundedText.Reason) : DBNull.Value);
            command.Parameters.AddWithValue("$refresh", secrets.Seal(account.RefreshToken));
            command.Parameters.AddWithValue("$access", account.AccessToken is null ? DBNull.Value : secrets.Seal(account.AccessToken));
            command.Parameters.AddWithValue("$expires", account.AccessExpiresAt is { } x ? Format(x) : DBNull.Value);
            command.Parameters.AddWithValue("$now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var all = await ListAsync(connection, cancellationToken);
        return [.. added.Select(x => (all.Single(a => a.Id == x.Id), x.Added))];
    }

    /// <summary>Enables or disables; a reason is kept with a disabled account. False when no such account.</summary>
    public Task<bool> SetEnabledAsync(string id, bool enabled, string? reason, CancellationToken cancellationToken) =>
        UpdateAsync(id, "enabled = $enabled, disabled_reason = $reason, cooldown_until = NULL, cooldown_reason = NULL", cancellationToken,
            ("$enabled", enabled ? 1 : 0), ("$reason", enabled ? null : BoundedText.Clip(reason ?? "disabled by the user", BoundedText.Reason)));

    public Task<bool> SetCooldownAsync(string id, DateTimeOffset? until, string? reason, CancellationToken cancellationToken) =>
        UpdateAsync(id, "cooldown_until = $until, cooldown_reason = $reason", cancellationToken,
            ("$until", until is { } u ? Format(u) : null), ("$reason", until is null ? null : BoundedText.ClipOrNull(reason, BoundedText.Reason)));

    /// <summary>Stores the verification link of an account the upstream wants verified; null clears it.</summary>
    public Task<bool> SetVerificationAsync(string id, string? url, CancellationToken cancellationToken) =>
        UpdateAsync(id, "verification_url = $url", cancellationToken, ("$url", url));

    public Task<bool> SetProvisioningAsync(string id, AccountTier tier, string? projectId, CancellationToken cancellationToken) =>
        UpdateAsync(id, "tier = $tier, project_id = COALESCE($project, project_id)", cancellationToken,
            ("$tier", tier.ToString()), ("$project", projectId));

    /// <summary>Stores a fresh access token (and a rotated refresh token when the server sent one).</summary>
    public Task<bool> SaveTokensAsync(string id, string accessToken, DateTimeOffset expiresAt, string? newRefreshToken, CancellationToken cancellationToken) =>
        newRefreshToken is null
            ? UpdateAsync(id, "access_token = $access, access_expires_at = $expires, cooldown_until = NULL, cooldown_reason = NULL", cancellationToken,
                ("$access", secrets.Seal(accessToken)), ("$expires", Format(expiresAt)))
            : UpdateAsync(id, "access_token = $access, access_expires_at = $expires, refresh_token = $refresh, cooldown_until = NULL, cooldown_reason = NULL", cancellationToken,
                ("$access", secrets.Seal(accessToken)), ("$expires", Format(expiresAt)), ("$refresh", secrets.Seal(newRefreshToken)));

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM accounts WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Replaces the stored quota of one account.</summary>
    public async Task SaveQuotaAsync(string id, IReadOnlyList<QuotaEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM quotas WHERE account_id = $id";
            delete.Parameters.AddWithValue("$id", id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var entry in entries)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO quotas (account_id, model_group, remaining_fraction, reset_time, updated_at, stale, disabled)
                SELECT $id, $group, $fraction, $reset, $updated, $stale, $disabled WHERE EXISTS (SELECT 1 FROM accounts WHERE id = $id)
                """;
            insert.Parameters.AddWithValue("$stale", entry.Stale ? 1 : 0);
            insert.Parameters.AddWithValue("$disabled", entry.Disabled ? 1 : 0);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$group", entry.Group);
            insert.Parameters.AddWithValue("$fraction", entry.RemainingFraction);
            insert.Parameters.AddWithValue("$reset", entry.ResetTime is { } r ? Format(r) : DBNull.Value);
            insert.Parameters.AddWithValue("$updated", Format(entry.UpdatedAt));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Stored quota by account id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<QuotaEntry>>> ListQuotasAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, model_group, remaining_fraction, reset_time, updated_at, stale, disabled FROM quotas ORDER BY account_id, model_group";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, IReadOnlyList<QuotaEntry>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (!result.TryGetValue(id, out var list))
            {
                result[id] = list = new List<QuotaEntry>();
            }

            ((List<QuotaEntry>)list).Add(new QuotaEntry(reader.GetString(1), reader.GetDouble(2), ReadTime(reader, 3), ReadTime(reader, 4) ?? default,
                reader.GetInt64(5) != 0, reader.GetInt64(6) != 0));
        }

        return result;
    }

    /// <summary>Replaces what the upstream last said about one account (credits, pools, catalogue), as an opaque JSON document.</summary>
    public async Task SaveUpstreamStateAsync(string id, string json, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO account_upstream (account_id, state, updated_at)
            SELECT $id, $state, $now WHERE EXISTS (SELECT 1 FROM accounts WHERE id = $id)
            ON CONFLICT (account_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$state", json);
        command.Parameters.AddWithValue("$now", Format(time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The stored upstream state documents by account id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListUpstreamStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, state FROM account_upstream";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }

    private async Task<bool> UpdateAsync(string id, string assignments, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE accounts SET {assignments}, updated_at = $now WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", Format(time.GetUtcNow()));
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static Account Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Email = reader.GetString(1),
        Tier = Enum.TryParse<AccountTier>(reader.GetString(2), out var tier) ? tier : AccountTier.Unknown,
        ProjectId = reader.IsDBNull(3) ? null : reader.GetString(3),
        Enabled = reader.GetInt64(4) != 0,
        DisabledReason = reader.IsDBNull(5) ? null : reader.GetString(5),
        CooldownUntil = ReadTime(reader, 6),
        CooldownReason = reader.IsDBNull(7) ? null : reader.GetString(7),
        AddedAt = ReadTime(reader, 8) ?? default,
        UpdatedAt = ReadTime(reader, 9) ?? default,
        VerificationUrl = reader.IsDBNull(10) ? null : reader.GetString(10),
    };

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
