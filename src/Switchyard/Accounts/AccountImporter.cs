using System.Text.Json.Nodes;

namespace Switchyard.Accounts;

/// <summary>The outcome of an import: the accounts stored (added or merged), or why nothing was stored.</summary>
internal sealed record ImportOutcome(string Format, IReadOnlyList<(Account Account, bool Added)> Accounts, string? Error)
{
    public static ImportOutcome Fail(string error, string format = "unknown") => new(format, [], error);
}

/// <summary>
/// Imports accounts: parses the file (<see cref="AccountFileParser"/>), asks Google who a bare refresh
/// token belongs to (refresh, userinfo, loadCodeAssist), merges duplicates by email, then stores all of
/// them in one transaction. Any failure stores nothing.
/// </summary>
internal sealed class AccountImporter(AccountStore store, GoogleOAuthClient oauth, AccountProvisioner provisioner)
{
    /// <summary>Imports <paramref name="text"/>; <paramref name="passphrase"/> is asked for only for an encrypted export.</summary>
    public async Task<ImportOutcome> ImportAsync(string text, Func<string?> passphrase, Action<string> progress, CancellationToken cancellationToken)
    {
        var batch = AccountFileParser.Parse(text);
        if (batch.NeedsPassphrase)
        {
            if (passphrase() is not { Length: > 0 } secret)
            {
                return ImportOutcome.Fail("The file is an encrypted Switchyard export; give its passphrase (--passphrase-env VAR, or type it when asked).", batch.Format);
            }

            progress("Decrypting the export");
            var plain = ExportEnvelope.Decrypt((JsonObject)JsonNode.Parse(text.Trim())!, secret);
            if (plain is null)
            {
                return ImportOutcome.Fail("Cannot decrypt the export: wrong passphrase, or the file was altered.", batch.Format);
            }

            batch = AccountFileParser.Parse(plain) with { Format = ExportEnvelope.EncryptedFormat };
        }

        return batch.Error is not null ? ImportOutcome.Fail(batch.Error, batch.Format) : await ImportAsync(batch, progress, cancellationToken);
    }

    /// <summary>Imports the files of a folder (the desktop manager's <c>accounts/</c>) as one batch.</summary>
    public async Task<ImportOutcome> ImportDirectoryAsync(string directory, Action<string> progress, CancellationToken cancellationToken)
    {
        var entries = new List<ImportEntry>();
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return ImportOutcome.Fail($"The folder {directory} holds no .json account files.");
        }

        foreach (var file in files)
        {
            var batch = AccountFileParser.Parse(await File.ReadAllTextAsync(file, cancellationToken));
            if (batch.Error is not null || batch.NeedsPassphrase)
            {
                return ImportOutcome.Fail($"{Path.GetFileName(file)}: {batch.Error ?? "encrypted exports must be imported one at a time"}");
            }

            entries.AddRange(batch.Entries);
        }

        return await ImportAsync(new ImportBatch(AccountFileParser.ManagerFormat, entries), progress, cancellationToken);
    }

    private async Task<ImportOutcome> ImportAsync(ImportBatch batch, Action<string> progress, CancellationToken cancellationToken)
    {
        if (batch.Entries.Count == 0)
        {
            return ImportOutcome.Fail("The file holds no accounts.", batch.Format);
        }

        progress($"Read {batch.Entries.Count} account(s) from a {batch.Format}");
        var resolved = new List<NewAccount>();
        for (var i = 0; i < batch.Entries.Count; i++)
        {
            var entry = batch.Entries[i];
            if (entry.Email is not null)
            {
                resolved.Add(ToNew(entry, entry.Email, null));
                continue;
            }

            progress($"Checking refresh token {i + 1} with Google to learn its account");
            var refreshed = await oauth.RefreshAsync(entry.RefreshToken, cancellationToken);
            if (refreshed.Value is not { } tokens)
            {
                return ImportOutcome.Fail($"Refresh token {i + 1} does not work ({refreshed.Failure!.Message}); nothing was imported.", batch.Format);
            }

            var (identity, error) = await provisioner.IdentifyAsync(tokens.AccessToken, progress, cancellationToken);
            if (identity is null)
            {
                return ImportOutcome.Fail($"Cannot identify the account of refresh token {i + 1}: {error}; nothing was imported.", batch.Format);
            }

            resolved.Add(ToNew(entry with { ProjectId = entry.ProjectId ?? identity.ProjectId, Tier = identity.Tier, RefreshToken = tokens.RefreshToken ?? entry.RefreshToken }, identity.Email, tokens));
        }

        // Duplicates inside the file: one account per email, later entries winning field by field.
        var merged = resolved
            .GroupBy(a => a.Email, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Aggregate((a, b) => b with
            {
                ProjectId = b.ProjectId ?? a.ProjectId,
                Tier = b.Tier == AccountTier.Unknown ? a.Tier : b.Tier,
                AccessToken = b.AccessToken ?? a.AccessToken,
                AccessExpiresAt = b.AccessToken is null ? a.AccessExpiresAt : b.AccessExpiresAt,
                AddedAt = a.AddedAt ?? b.AddedAt,
            }))
            .ToList();
        progress($"Saving {merged.Count} account(s)");
        var stored = await store.UpsertAsync(merged, cancellationToken);
        return new ImportOutcome(batch.Format, stored, null);
    }

    private static NewAccount ToNew(ImportEntry entry, string email, OAuthTokens? tokens) => new()
    {
        Email = email,
        RefreshToken = entry.RefreshToken,
        ProjectId = entry.ProjectId,
        Tier = entry.Tier,
        Enabled = entry.Enabled,
        DisabledReason = entry.DisabledReason,
        AddedAt = entry.AddedAt,
        AccessToken = tokens?.AccessToken,
        AccessExpiresAt = tokens?.ExpiresAt,
    };
}
