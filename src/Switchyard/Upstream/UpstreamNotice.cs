using Switchyard.Upstream.Wire;

namespace Switchyard.Upstream;

/// <summary>What a 200 notice says instead of a model's answer.</summary>
internal enum UpstreamNoticeKind
{
    /// <summary>The client version is below the upstream's floor (upstream-2026 §4.1).</summary>
    VersionFloor,

    /// <summary>The model id is retired: "… is no longer available. Please switch to …" (upstream-2026 §6.3).</summary>
    RetiredModel,
}

/// <summary>
/// A 200 answer whose text is the upstream speaking, not the model: the version-floor notice or a retired-model notice.
/// Both come as one candidate with one text part and no <c>role</c> (and, whole, no finishReason or usage), stream or
/// not (upstream-2026 §4.1, §6.3, §8.4). <see cref="Detect"/> reads an answer or a stream's first event.
/// </summary>
internal sealed record UpstreamNotice(UpstreamNoticeKind Kind, string Text)
{
    private const int MaxNoticeChars = 600;

    public static UpstreamNotice? Detect(UpstreamResponseEnvelope? envelope)
    {
        if (envelope?.Response?.Candidates is not [var candidate]
            || candidate.Content?.Parts is not { Count: > 0 } parts
            || parts.Exists(p => p.Text is null || p.Thought == true || p.FunctionCall is not null))
        {
            return null;
        }

        var spoken = candidate.Content.Role is null or ""
            || (candidate.FinishReason is null && envelope.Response.UsageMetadata is null);
        var text = string.Concat(parts.Select(p => p.Text)).Trim();
        if (!spoken || text.Length == 0 || text.Length > MaxNoticeChars)
        {
            return null;
        }

        if (IsVersionFloor(text))
        {
            return new UpstreamNotice(UpstreamNoticeKind.VersionFloor, text);
        }

        return text.Contains("is no longer available", StringComparison.OrdinalIgnoreCase)
            && text.Contains("switch to", StringComparison.OrdinalIgnoreCase)
            ? new UpstreamNotice(UpstreamNoticeKind.RetiredModel, text)
            : null;
    }

    /// <summary>"This version of Antigravity is no longer supported…", "Your current version of Antigravity is out of date…".</summary>
    private static bool IsVersionFloor(string text) =>
        text.Contains("Antigravity", StringComparison.OrdinalIgnoreCase)
        && (text.Contains("no longer supported", StringComparison.OrdinalIgnoreCase) || text.Contains("out of date", StringComparison.OrdinalIgnoreCase));
}
