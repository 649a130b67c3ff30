using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Foundation;

namespace Switchyard.Accounts;

/// <summary>
/// Exports every account with its refresh token: encrypted with a passphrase (<see cref="ExportEnvelope"/>),
/// or plain only when the caller insists. The file is written owner-only (0600) and atomically.
/// </summary>
internal sealed class AccountExporter(AccountStore store, TimeProvider time)
{
    public async Task<int> ExportAsync(string path, string? passphrase, CancellationToken cancellationToken)
    {
        var (text, count) = await BuildAsync(passphrase, cancellationToken);
        OwnerOnlyFiles.WriteAtomically(Path.GetFullPath(path), Encoding.UTF8.GetBytes(text + "\n"));
        return count;
    }

    /// <summary>The export file's text (encrypted when <paramref name="passphrase"/> is given) and how many accounts it holds.</summary>
    public async Task<(string Text, int Count)> BuildAsync(string? passphrase, CancellationToken cancellationToken)
    {
        var accounts = new JsonArray();
        foreach (var account in await store.ListAsync(cancellationToken))
        {
            var secrets = await store.GetSecretsAsync(account.Id, cancellationToken);
            if (secrets is null)
            {
                continue;
            }

            accounts.Add((JsonNode)new JsonObject
            {
                ["email"] = account.Email,
                ["refreshToken"] = secrets.RefreshToken,
                ["projectId"] = account.ProjectId,
                ["tier"] = account.Tier.ToString(),
                ["enabled"] = account.Enabled,
                ["disabledReason"] = account.DisabledReason,
                ["addedAt"] = account.AddedAt.ToString("O", CultureInfo.InvariantCulture),
            });
        }

        var count = accounts.Count;
        var document = new JsonObject
        {
            ["format"] = ExportEnvelope.PlainFormat,
            ["version"] = 1,
            ["exportedAt"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["accounts"] = accounts,
        };
        var indented = new JsonSerializerOptions { WriteIndented = true };
        var text = passphrase is null ? document.ToJsonString(indented) : ExportEnvelope.Encrypt(document.ToJsonString(), passphrase).ToJsonString(indented);
        return (text, count);
    }
}
