using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchyard.Upstream;

internal sealed partial class CloudCodeClient
{
    /// <summary>
    /// The parts of loadCodeAssist the gateway uses: project, tiers (<c>paidTier</c> as an object or a bare id), the
    /// ineligible tiers with their reason codes and verification links, and the GOOGLE_ONE_AI credit balance
    /// (amounts are int64 strings; an absent amount is 0; the minimum defaults to 50).
    /// </summary>
    internal static CodeAssistStatus ReadCodeAssist(JsonObject json)
    {
        string? defaultTier = null;
        if (json["allowedTiers"] is JsonArray tiers)
        {
            var chosen = tiers.OfType<JsonObject>().FirstOrDefault(t => t["isDefault"] is JsonValue v && v.TryGetValue<bool>(out var d) && d)
                ?? tiers.OfType<JsonObject>().FirstOrDefault();
            defaultTier = Text(chosen?["id"]);
        }

        var paid = json["paidTier"];
        var paidId = paid is JsonObject p ? Text(p["id"]) : Text(paid);
        var ineligible = (json["ineligibleTiers"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(t => Text(t["reasonCode"]) is { } code
                ? new IneligibleTier(code, Text(t["reasonMessage"]) ?? Text(t["validationErrorMessage"]), Text(t["validationUrl"]))
                : null)
            .OfType<IneligibleTier>()
            .ToList();
        return new CodeAssistStatus(
            Project(json["cloudaicompanionProject"]),
            Text(json["currentTier"]?["id"]),
            paidId,
            defaultTier,
            ineligible,
            paid is JsonObject paidObject ? Credits(paidObject["availableCredits"]) : null);
    }

    private static CreditBalance Credits(JsonNode? node)
    {
        foreach (var credit in (node as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(credit["creditType"]) is "GOOGLE_ONE_AI" or null)
            {
                return new CreditBalance(Amount(credit["creditAmount"]) ?? 0, Amount(credit["minimumCreditAmountForUsage"]) ?? CreditBalance.DefaultMinimum);
            }
        }

        return new CreditBalance(0, CreditBalance.DefaultMinimum);
    }

    /// <summary>An int64 written as a string (proto JSON) or as a number.</summary>
    internal static long? Amount(JsonNode? node) =>
        node is not JsonValue v ? null
        : v.TryGetValue<long>(out var n) ? n
        : v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;
}
