using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// Google One AI credits (upstream-2026 §3). A request opts in with the top-level
/// <c>enabledCreditTypes: ["GOOGLE_ONE_AI"]</c> (or GCLI's <c>enabled_credit_types</c>). Free quota is always used
/// first: only when the family's bucket is empty does an opted-in call spend credits, and only while the balance is
/// at least the minimum for usage; below it the call gets 429 INSUFFICIENT_G1_CREDITS_BALANCE. A call served on
/// credits reports <c>consumedCredits</c> and <c>remainingCredits</c> beside <c>response</c>.
/// </summary>
internal static class Credits
{
    public const string GoogleOneAi = "GOOGLE_ONE_AI";

    private const string CreditTypeProto = "type.googleapis.com/google.internal.cloud.code.v1internal.CreditType";

    /// <summary>Reads the opt-in: sets <see cref="CloudCodeCall.CreditsRequested"/>, or answers 400 for a malformed field.</summary>
    public static EmulatorReply? ReadOptIn(CloudCodeCall call)
    {
        const string name = "enabled_credit_types";
        var node = call.Body["enabledCreditTypes"] ?? call.Body[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray types)
        {
            call.Entry.Outcome = "credit-types";
            return GoogleErrors.InvalidJson($"Invalid value at '{name}' ({node.GetValueKind()}), expected a list of {CreditTypeProto}.");
        }

        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (type is not (GoogleOneAi or "CREDIT_TYPE_UNSPECIFIED"))
            {
                call.Entry.Outcome = "credit-types";
                return GoogleErrors.InvalidJson($"Invalid value at '{name}[{i}]' ({CreditTypeProto}), {types[i]?.ToJsonString() ?? "null"}");
            }

            call.CreditsRequested |= type == GoogleOneAi;
        }

        call.CreditsRequested &= call.Config.Credits.Enabled;
        return null;
    }

    /// <summary>
    /// The family's free bucket is empty: serve on credits when the call opted in and the balance allows (marks
    /// <see cref="CloudCodeCall.ServedOnCredits"/> and returns null), else the 429 to send. Call under the gate.
    /// </summary>
    public static EmulatorReply? PastEmptyBucket(CloudCodeCall call, EmulatedAccount account, JsonReply quotaError)
    {
        if (!call.CreditsRequested)
        {
            return quotaError;
        }

        if (account.Credits < call.Config.Credits.MinimumForUsage)
        {
            call.Entry.Outcome = "insufficient-credits";
            return QuotaErrors.InsufficientCredits(call.Model?.Id);
        }

        call.ServedOnCredits = true;
        return null;
    }

    /// <summary>Spends a served call's credits and records what to report. Call under the gate.</summary>
    public static void Spend(CloudCodeCall call, EmulatedAccount account)
    {
        var cost = Math.Min(account.Credits, Math.Max(0, call.Config.Credits.CostPerRequest));
        account.Credits -= cost;
        call.CreditsConsumed = cost;
        call.CreditsRemaining = account.Credits;
        call.Entry.Outcome ??= "served-on-credits";
    }

    /// <summary>Adds <c>consumedCredits</c> and <c>remainingCredits</c> to a reply served on credits (the last event of a stream).</summary>
    public static EmulatorReply Report(CloudCodeCall call, EmulatorReply reply)
    {
        if (!call.ServedOnCredits)
        {
            return reply;
        }

        var target = reply switch
        {
            JsonReply { Body: JsonObject body } => body,
            StreamReply { Events.Count: > 0 } stream => stream.Events[^1],
            DelayedReply { Inner: JsonReply { Body: JsonObject inner } } => inner,
            _ => null,
        };
        if (target is not null)
        {
            target["consumedCredits"] = Amounts(call.CreditsConsumed);
            target["remainingCredits"] = Amounts(call.CreditsRemaining);
        }

        return reply;
    }

    /// <summary><c>paidTier.availableCredits</c>: int64 amounts as strings; a zero amount is omitted (proto3).</summary>
    public static JsonArray Available(long balance, CreditsConfig config)
    {
        var credit = new JsonObject { ["creditType"] = GoogleOneAi };
        if (balance != 0)
        {
            credit["creditAmount"] = balance.ToString(CultureInfo.InvariantCulture);
        }

        credit["minimumCreditAmountForUsage"] = config.MinimumForUsage.ToString(CultureInfo.InvariantCulture);
        return [(JsonNode)credit];
    }

    private static JsonArray Amounts(long amount)
    {
        var item = new JsonObject { ["creditType"] = GoogleOneAi };
        if (amount != 0)
        {
            item["creditAmount"] = amount.ToString(CultureInfo.InvariantCulture);
        }

        return [(JsonNode)item];
    }
}
