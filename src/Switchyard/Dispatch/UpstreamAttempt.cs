using System.Text.Json;
using Switchyard.Accounts;
using Switchyard.Protocols.Shared;
using Switchyard.RequestLog;
using Switchyard.Upstream;
using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

/// <summary>A successful upstream call: the response (headers read, body pending) and the context it was made with.</summary>
internal sealed record UpstreamAttempt(GenerateCall Call, TranslationContext Context, Account Account, RequestTrace? Trace = null) : IDisposable
{
    public HttpResponseMessage Response => Call.Response!;

    /// <summary>Told the credit balance an answer reports (<c>remainingCredits</c>, upstream-2026 §3.3).</summary>
    public Action<long>? CreditsRemaining { get; init; }

    /// <summary>The generateContent reply once read and checked (see <c>SessionRecovery.ReadReplyAsync</c>).</summary>
    public UpstreamResponseEnvelope? Reply { get; set; }

    /// <summary><paramref name="events"/> with their usage and credit spend recorded on the request's trace as they pass.</summary>
    public async IAsyncEnumerable<UpstreamResponseEnvelope> Observe(IAsyncEnumerable<UpstreamResponseEnvelope> events)
    {
        await foreach (var item in events)
        {
            RecordUsage(item.Response?.UsageMetadata);
            RecordCredits(item);
            yield return item;
        }
    }

    /// <summary>The credits an answer spent (the request log's credits column) and the balance left.</summary>
    public void RecordCredits(UpstreamResponseEnvelope? envelope)
    {
        if (envelope is null)
        {
            return;
        }

        if (CreditEntry.GoogleOneAi(envelope.ConsumedCredits) is { } spent && Trace is not null)
        {
            Trace.CreditsConsumed = (Trace.CreditsConsumed ?? 0) + spent;
        }

        if (CreditEntry.GoogleOneAi(envelope.RemainingCredits) is { } left)
        {
            CreditsRemaining?.Invoke(left);
        }
    }

    /// <summary>Token counts for the request log (the last report wins: the upstream's final event is complete).</summary>
    public void RecordUsage(UsageMetadata? usage)
    {
        if (usage is null || Trace is null)
        {
            return;
        }

        Trace.InputTokens = usage.PromptTokenCount ?? Trace.InputTokens;
        Trace.OutputTokens = usage.CandidatesTokenCount ?? Trace.OutputTokens;
        Trace.ThinkingTokens = usage.ThoughtsTokenCount ?? Trace.ThinkingTokens;
        Trace.CachedTokens = usage.CachedContentTokenCount ?? Trace.CachedTokens;
    }

    public void Dispose() => Call.Dispose();

    /// <summary>The generateContent answer (the one already read, if any), or null when its body is unreadable.</summary>
    public async Task<UpstreamResponseEnvelope?> ReadEnvelopeAsync(CancellationToken cancellationToken)
    {
        if (Reply is not null)
        {
            return Reply;
        }

        try
        {
            await using var stream = await Response.Content.ReadAsStreamAsync(cancellationToken);
            var envelope = await JsonSerializer.DeserializeAsync(stream, UpstreamJsonContext.Default.UpstreamResponseEnvelope, cancellationToken);
            RecordUsage(envelope?.Response?.UsageMetadata);
            RecordCredits(envelope);
            return envelope;
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The upstream's countTokens answer, or null when its body is unreadable.</summary>
    public async Task<CountTokensResponse?> ReadCountAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await Response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, UpstreamJsonContext.Default.CountTokensResponse, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }
}

