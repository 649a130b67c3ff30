using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// The 429s of an empty bucket (spec §5.3 template 1; upstream-2026 §2.2) and of an empty credit balance (§3.4).
/// ErrorInfo comes first (RS reads only <c>details[0]</c>), then RetryInfo. Message durations have no decimal point;
/// <c>quotaResetDelay</c> and <c>retryDelay</c> keep the fraction, down to nanoseconds as Google sends them.
/// </summary>
internal static class QuotaErrors
{
    /// <summary>QUOTA_EXHAUSTED, "You have exhausted your capacity on this model. Your quota will reset after …".</summary>
    public const string Capacity = "capacity";

    /// <summary>QUOTA_EXHAUSTED, "Individual quota reached. Contact your administrator to enable overages. Resets in …" (weekly).</summary>
    public const string Individual = "individual";

    /// <summary>RATE_LIMIT_EXCEEDED with the capacity text and a delay that may be days long.</summary>
    public const string RateLimit = "rateLimit";

    /// <summary>QUOTA_EXHAUSTED, "Individual quota reached. Please upgrade your subscription to increase your limits."</summary>
    public const string Upgrade = "upgrade";

    public static readonly string[] Styles = [Capacity, Individual, RateLimit, Upgrade];

    public const string CreditsMessage = "Resource has been exhausted (e.g. check quota).";

    public static JsonReply Exhausted(string? model, DateTimeOffset resetTime, DateTimeOffset now, string style = Capacity, bool includeRetryInfo = true)
    {
        var delay = resetTime - now;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        var metadata = new JsonObject { ["uiMessage"] = "true" };
        if (model is not null)
        {
            metadata["model"] = model;
        }

        metadata["quotaResetDelay"] = Durations.Go(delay);
        metadata["quotaResetTimeStamp"] = Durations.Timestamp(resetTime);
        var reason = style == RateLimit ? "RATE_LIMIT_EXCEEDED" : "QUOTA_EXHAUSTED";
        var details = new JsonArray { (JsonNode)GoogleErrors.ErrorInfo(reason, metadata) };
        if (includeRetryInfo)
        {
            details.Add((JsonNode)GoogleErrors.RetryInfo(delay));
        }

        var whole = Durations.GoWhole(delay);
        var message = style switch
        {
            Individual => $"Individual quota reached. Contact your administrator to enable overages. Resets in {whole}.",
            Upgrade => "Individual quota reached. Please upgrade your subscription to increase your limits.",
            _ => $"You have exhausted your capacity on this model. Your quota will reset after {whole}.",
        };
        return GoogleErrors.Build(429, "RESOURCE_EXHAUSTED", message, details);
    }

    /// <summary>2026 §3.4: the credit balance is below the minimum for usage.</summary>
    public static JsonReply InsufficientCredits(string? model) => GoogleErrors.Build(429, "RESOURCE_EXHAUSTED", CreditsMessage,
        [(JsonNode)GoogleErrors.ErrorInfo("INSUFFICIENT_G1_CREDITS_BALANCE", model is null ? null : new JsonObject { ["model"] = model })]);
}
