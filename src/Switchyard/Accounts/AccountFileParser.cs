using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Accounts;

/// <summary>
/// Reads the account files Switchyard imports: the OpenCode plugin's <c>antigravity-accounts.json</c>
/// (versions 3 and 4), the desktop manager's per-account JSON files (one, or an array), a Switchyard export
/// (plain or encrypted) and a bare refresh token. Pure: no I/O. Anything else is an error naming what was expected.
/// </summary>
internal static class AccountFileParser
{
    public const string PluginFormat = "antigravity-accounts.json";
    public const string ManagerFormat = "desktop manager account file";
    public const string TokenFormat = "refresh token";

    private const string Expected = "expected the OpenCode plugin's antigravity-accounts.json (version 3 or 4), a desktop manager account file, a Switchyard export, or a bare refresh token";

    public static ImportBatch Parse(string text)
    {
        var trimmed = text.Trim().TrimStart('\uFEFF');
        if (trimmed.Length == 0)
        {
            return ImportBatch.Fail("The file is empty; " + Expected + ".");
        }

        if (trimmed[0] is not ('{' or '['))
        {
            return IsBareToken(trimmed)
                ? new ImportBatch(TokenFormat, [new ImportEntry { RefreshToken = trimmed }])
                : ImportBatch.Fail("Not a recognised accounts file; " + Expected + ".");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(trimmed);
        }
        catch (JsonException ex)
        {
            return ImportBatch.Fail($"The file is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); " + Expected + ".");
        }

        try
        {
            return root switch
            {
                JsonArray array => ParseManagerArray(array),
                JsonObject obj when Text(obj["format"]) == ExportEnvelope.EncryptedFormat => new ImportBatch(ExportEnvelope.EncryptedFormat, [], NeedsPassphrase: true),
                JsonObject obj when Text(obj["format"]) == ExportEnvelope.PlainFormat => ParseExport(obj),
                JsonObject obj when obj["token"] is JsonObject => new ImportBatch(ManagerFormat, [ParseManager(obj, "the file")]),
                JsonObject obj when obj["accounts"] is JsonArray => ParsePlugin(obj),
                _ => ImportBatch.Fail("Not a recognised accounts file; " + Expected + "."),
            };
        }
        catch (FormatException ex)
        {
            return ImportBatch.Fail(ex.Message);
        }
    }

    private static ImportBatch ParsePlugin(JsonObject root)
    {
        var version = root["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
        if (version is null && Text(root["version"]) == "2.0")
        {
            return ImportBatch.Fail("This is the desktop manager's accounts.json index, which holds no tokens; import the files in its accounts/ folder (or the folder itself).");
        }

        if (version is not (3 or 4))
        {
            return ImportBatch.Fail($"Unsupported {PluginFormat} version {(version?.ToString(CultureInfo.InvariantCulture) ?? "(missing)")}; versions 3 and 4 are supported.");
        }

        var entries = new List<ImportEntry>();
        var accounts = (JsonArray)root["accounts"]!;
        for (var i = 0; i < accounts.Count; i++)
        {
            if (accounts[i] is not JsonObject account || Text(account["refreshToken"]) is not { } stored)
            {
                throw new FormatException($"accounts[{i}] in the {PluginFormat} file has no refreshToken; nothing was imported.");
            }

            // OpenCode packs "refreshToken|projectId|managedProjectId".
            var parts = stored.Split('|');
            var project = Text(account["managedProjectId"]) ?? Text(account["projectId"])
                ?? (parts.Length > 2 && parts[2].Length > 0 ? parts[2] : parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
            var enabled = account["enabled"] is JsonValue e && e.TryGetValue<bool>(out var b) ? b : true;
            entries.Add(new ImportEntry
            {
                Email = Text(account["email"]),
                RefreshToken = parts[0],
                ProjectId = project,
                Enabled = enabled ? null : false,
                DisabledReason = enabled ? null : "disabled in the OpenCode plugin",
                AddedAt = account["addedAt"] is JsonValue a && a.TryGetValue<long>(out var ms) && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            });
        }

        return new ImportBatch($"{PluginFormat} v{version}", entries);
    }

    private static ImportBatch ParseManagerArray(JsonArray array)
    {
        var entries = new List<ImportEntry>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject obj)
            {
                throw new FormatException($"Element {i} of the array is not an account object; nothing was imported.");
            }

            entries.Add(ParseManager(obj, $"element {i}"));
        }

        return entries.Count == 0 ? ImportBatch.Fail("The file holds no accounts.") : new ImportBatch(ManagerFormat, entries);
    }

    /// <summary>One desktop-manager account: <c>{email, token{refresh_token, project_id, …}, disabled, disabled_reason, quota{subscription_tier}}</c>.</summary>
    private static ImportEntry ParseManager(JsonObject obj, string where)
    {
        var token = obj["token"] as JsonObject;
        var refresh = Text(token?["refresh_token"]) ?? Text(obj["refresh_token"]) ?? Text(obj["refreshToken"])
            ?? throw new FormatException($"{Capitalize(where)} has no refresh_token; nothing was imported.");
        var disabled = obj["disabled"] is JsonValue d && d.TryGetValue<bool>(out var x) && x;
        return new ImportEntry
        {
            Email = Text(obj["email"]) ?? Text(token?["email"]),
            RefreshToken = refresh,
            ProjectId = Text(token?["project_id"]) ?? Text(obj["project_id"]),
            Tier = TierFromText(Text(obj["quota"]?["subscription_tier"])),
            Enabled = disabled ? false : null,
            DisabledReason = disabled ? Text(obj["disabled_reason"]) ?? "disabled in the desktop manager" : null,
            AddedAt = obj["created_at"] is JsonValue c && c.TryGetValue<long>(out var s) && s > 0 ? DateTimeOffset.FromUnixTimeSeconds(s) : null,
        };
    }

    private static ImportBatch ParseExport(JsonObject root)
    {
        if (root["version"] is not JsonValue v || !v.TryGetValue<int>(out var version) || version != 1)
        {
            return ImportBatch.Fail("Unsupported Switchyard export version; version 1 is supported.");
        }

        var entries = new List<ImportEntry>();
        if (root["accounts"] is not JsonArray accounts)
        {
            return ImportBatch.Fail("The export holds no accounts list.");
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            if (accounts[i] is not JsonObject a || Text(a["refreshToken"]) is not { } refresh || Text(a["email"]) is not { } email)
            {
                throw new FormatException($"accounts[{i}] in the export lacks an email or refreshToken; nothing was imported.");
            }

            var enabled = a["enabled"] is not JsonValue e || !e.TryGetValue<bool>(out var b) || b;
            entries.Add(new ImportEntry
            {
                Email = email,
                RefreshToken = refresh,
                ProjectId = Text(a["projectId"]),
                Tier = Enum.TryParse<AccountTier>(Text(a["tier"]), ignoreCase: true, out var tier) ? tier : AccountTier.Unknown,
                Enabled = enabled,
                DisabledReason = enabled ? null : Text(a["disabledReason"]),
                AddedAt = Text(a["addedAt"]) is { } at && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null,
            });
        }

        return new ImportBatch(ExportEnvelope.PlainFormat, entries);
    }

    public static AccountTier TierFromText(string? text) =>
        text is null ? AccountTier.Unknown
        : text.Contains("ultra", StringComparison.OrdinalIgnoreCase) ? AccountTier.Ultra
        : text.Contains("pro", StringComparison.OrdinalIgnoreCase) ? AccountTier.Pro
        : text.Contains("free", StringComparison.OrdinalIgnoreCase) ? AccountTier.Free
        : AccountTier.Unknown;

    private static bool IsBareToken(string text) =>
        text.StartsWith("1//", StringComparison.Ordinal) && text.Length is >= 10 and <= 4096 && !text.Any(char.IsWhiteSpace) && text.All(c => c is >= '!' and <= '~');

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
