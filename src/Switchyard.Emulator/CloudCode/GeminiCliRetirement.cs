using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// Since 2026-06-18 the Gemini CLI client is refused for personal accounts (upstream-2026 §5); only accounts with a
/// Gemini Code Assist Standard/Enterprise licence keep the pool. loadCodeAssist with the gemini-cli identity answers
/// 200 with only an UNSUPPORTED_CLIENT ineligible tier. The reference has no capture of what a content call gets;
/// the emulator answers 403 PERMISSION_DENIED with the same text and an ErrorInfo reason UNSUPPORTED_CLIENT, and
/// retrieveUserQuota (gone on that path) the same.
/// </summary>
internal static class GeminiCliRetirement
{
    public const string ReasonCode = "UNSUPPORTED_CLIENT";

    public const string Message =
        "This client is no longer supported for Gemini Code Assist for individuals. To continue using Gemini, please migrate to the Antigravity suite of products: https://antigravity.google";

    /// <summary>
    /// loadCodeAssist's answer for the gemini-cli identity of a personal account (or any call, when a
    /// <c>loadCodeAssist {unsupportedClient: true}</c> fault <paramref name="force"/>s it), or null.
    /// </summary>
    public static EmulatorReply? LoadCodeAssist(CloudCodeCall call, bool force = false)
    {
        if (!force && (!Applies(call) || !IsGeminiCliIdentity(call)))
        {
            return null;
        }

        call.Entry.Outcome = "unsupported-client";
        return new JsonReply(200, new JsonObject
        {
            ["ineligibleTiers"] = new JsonArray
            {
                (JsonNode)new JsonObject
                {
                    ["reasonCode"] = ReasonCode,
                    ["reasonMessage"] = Message,
                    ["tierId"] = Provisioning.FreeTier,
                    ["tierName"] = Provisioning.FreeTierName,
                },
            },
        });
    }

    /// <summary>The 403 for a gemini-cli pool call (or retrieveUserQuota) of a personal account, or null.</summary>
    public static EmulatorReply? Refuse(CloudCodeCall call)
    {
        if (!Applies(call) || (call.Pool != QuotaPools.GeminiCli && call.Rpc != "retrieveUserQuota"))
        {
            return null;
        }

        call.Entry.Outcome = "unsupported-client";
        return GoogleErrors.Build(403, "PERMISSION_DENIED", Message, [(JsonNode)GoogleErrors.ErrorInfo(ReasonCode)]);
    }

    /// <summary>
    /// The gemini-cli identity of loadCodeAssist: a Google node client or GeminiCLI User-Agent whose metadata does not
    /// name an Antigravity IDE (<c>ideType</c> absent, <c>IDE_UNSPECIFIED</c> or <c>GEMINI_CLI</c>).
    /// </summary>
    public static bool IsGeminiCliIdentity(CloudCodeCall call)
    {
        var userAgent = call.Http.Request.Headers.UserAgent.ToString();
        var cliAgent = userAgent.StartsWith("google-api-nodejs-client", StringComparison.Ordinal)
            || userAgent.StartsWith("GeminiCLI", StringComparison.Ordinal);
        var ideType = call.Body["metadata"] is JsonObject metadata && metadata["ideType"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return cliAgent && ideType is null or "IDE_UNSPECIFIED" or "GEMINI_CLI";
    }

    private static bool Applies(CloudCodeCall call)
    {
        if (!call.Config.AccountChecks.GeminiCliRetired || call.Account is not { } account)
        {
            return false;
        }

        lock (call.State.Gate)
        {
            return !account.GeminiCliLicense;
        }
    }
}
