using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// One response being built from upstream events, for both the streamed and the whole reply. It numbers every event
/// (<c>sequence_number</c> from 0), opens and closes output items as the upstream's parts change kind (thought →
/// reasoning, text → message, functionCall → function_call / custom_tool_call / web_search_call, inlineData →
/// image_generation_call), and ends with <c>response.completed</c> or <c>response.incomplete</c> — or, through
/// <see cref="Fail"/>, <c>response.failed</c>. Several upstream rounds may feed one response (the gateway's own web
/// search: <see cref="PendingSearches"/>, <see cref="BeginRound"/>). Signed thinking is remembered in
/// <see cref="TranslationContext.Thinking"/> under the turn's first call id whatever the client asked, and sealed into
/// reasoning items when it asked for <c>reasoning.encrypted_content</c>. Not thread-safe; one per response.
/// </summary>
internal sealed partial class ResponsesStream
{
    private readonly ResponsesRequest _request;
    private readonly TranslationContext _ctx;
    private readonly ResponsesOptions _options;
    private readonly long _createdAt;
    private readonly bool _summary;
    private readonly bool _encrypted;
    private readonly List<ResponseOutputItem> _output = [];
    private readonly List<Part> _roundParts = [];
    private int _sequence;
    private int _calls;
    private UsageMetadata? _usage;
    private string? _upstreamFinish;
    private JsonNode? _grounding;

    public ResponsesStream(ResponsesRequest request, TranslationContext ctx, ResponsesOptions options, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(options);
        _request = request;
        _ctx = ctx;
        _options = options;
        _createdAt = created.ToUnixTimeSeconds();
        _summary = ResponsesTranslator.WantsSummary(request);
        _encrypted = ResponsesTranslator.WantsEncryptedReasoning(request);
        Id = ResponsesIds.Response();
    }

    /// <summary>The response id (<c>resp_…</c>).</summary>
    public string Id { get; }

    /// <summary>The finished response (after <see cref="Finish"/> or <see cref="Fail"/>).</summary>
    public ResponseObject? Final { get; private set; }

    /// <summary>Calls of the gateway's web_search function in the current round, which the gateway must answer before the response can finish.</summary>
    public List<PendingSearch> PendingSearches { get; } = [];

    /// <summary>The upstream parts of the current round as received (with signatures), for the model turn of a continuation.</summary>
    public IReadOnlyList<Part> RoundParts => _roundParts;

    private ResponsesToolMap Tools => _request.ToolMap ?? throw new InvalidOperationException("The request was not validated.");

    private bool Claude => _ctx.Route.Family == ModelFamily.Claude;

    /// <summary><c>response.created</c> and <c>response.in_progress</c>.</summary>
    public List<ResponseStreamEvent> Start()
    {
        var snapshot = Snapshot("in_progress", usage: null);
        return [Event("response.created") with { Response = snapshot }, Event("response.in_progress") with { Response = snapshot }];
    }

    /// <summary>Starts another upstream round of the same response: forgets the round's parts and pending searches.</summary>
    public void BeginRound()
    {
        _roundParts.Clear();
        PendingSearches.Clear();
        _upstreamFinish = null;
        _turnHasCall = false;
        _lastClaudeThinking = null;
    }

    /// <summary>Reads one upstream event; returns the client events it causes, in order.</summary>
    public List<ResponseStreamEvent> Consume(GenerateContentResponse? response)
    {
        var events = new List<ResponseStreamEvent>();
        if (response is null)
        {
            return events;
        }

        _usage = response.UsageMetadata ?? _usage;
        var candidate = response.Candidates?.FirstOrDefault();
        _upstreamFinish = candidate?.FinishReason ?? _upstreamFinish;
        _grounding = candidate?.GroundingMetadata ?? _grounding;
        foreach (var part in candidate?.Content?.Parts ?? [])
        {
            _roundParts.Add(part);
            Read(part, events);
        }

        return events;
    }

    /// <summary>Closes the open item, adds the search grounding (citations, a web_search_call item), and ends the response.</summary>
    public List<ResponseStreamEvent> Finish()
    {
        var events = new List<ResponseStreamEvent>();
        var grounding = Tools.NativeSearch ? _grounding : null;
        if (grounding is not null && _message is not null)
        {
            Cite(grounding, events);
        }

        var (status, incomplete) = _upstreamFinish switch
        {
            "MAX_TOKENS" => ("incomplete", new ResponseIncompleteDetails("max_output_tokens")),
            "SAFETY" or "RECITATION" or "PROHIBITED_CONTENT" or "BLOCKLIST" or "SPII" or "IMAGE_SAFETY" =>
                ("incomplete", new ResponseIncompleteDetails("content_filter")),
            _ => ("completed", (ResponseIncompleteDetails?)null),
        };
        CloseOpen(events, incomplete is null ? "completed" : "incomplete");
        if (grounding is not null)
        {
            SearchItem(SearchAction(grounding), events);
        }

        Final = Snapshot(status, Usage()) with { IncompleteDetails = incomplete };
        events.Add(Event(status == "completed" ? "response.completed" : "response.incomplete") with { Response = Final });
        return events;
    }

    /// <summary>
    /// The terminal event of a stream whose upstream failed after it started: <c>response.failed</c> with
    /// <c>response.error {code, message}</c> and the output so far (Codex prints the message; the SDKs raise).
    /// </summary>
    public SseItem<string> Fail(OpenAIError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Final = Snapshot("failed", Usage()) with { Error = new ResponseErrorInfo(ResponsesErrors.CodeFor(error), error.Message) };
        return ToSse(Event("response.failed") with { Response = Final });
    }

    public static SseItem<string> ToSse(ResponseStreamEvent e) => new(ResponsesJsonContext.Write(e), e.Type);

    private ResponseStreamEvent Event(string type) => new() { Type = type, SequenceNumber = _sequence++ };

    private ResponseUsage? Usage()
    {
        if (_usage is null)
        {
            return null;
        }

        var toolPrompt = _usage.Extra?.TryGetValue("toolUsePromptTokenCount", out var t) == true && t.TryGetInt32(out var n) ? n : 0;
        var input = (_usage.PromptTokenCount ?? 0) + toolPrompt;
        var thoughts = _usage.ThoughtsTokenCount ?? 0;
        var output = (_usage.CandidatesTokenCount ?? 0) + thoughts;
        return new ResponseUsage
        {
            InputTokens = input,
            InputTokensDetails = new ResponseInputTokensDetails(_usage.CachedContentTokenCount ?? 0),
            OutputTokens = output,
            OutputTokensDetails = new ResponseOutputTokensDetails(thoughts),
            TotalTokens = _usage.TotalTokenCount ?? input + output,
        };
    }

    private ResponseObject Snapshot(string status, ResponseUsage? usage) => new()
    {
        Id = Id,
        CreatedAt = _createdAt,
        Status = status,
        Instructions = _request.Instructions,
        MaxOutputTokens = _request.MaxOutputTokens,
        Model = _ctx.Route.RequestedModel,
        Output = [.. _output],
        ParallelToolCalls = _request.ParallelToolCalls ?? true,
        PreviousResponseId = _request.PreviousResponseId,
        Reasoning = _request.Reasoning is { } r ? new ResponseReasoning { Effort = r.Effort, Summary = r.Summary ?? r.GenerateSummary } : null,
        Store = _options.StoreEnabled && _request.Store != false,
        Temperature = _request.Temperature ?? 1,
        Text = new ResponseTextOptions { Format = _request.Text?.Format ?? new ResponseTextFormat { Type = "text" }, Verbosity = _request.Text?.Verbosity },
        ToolChoice = _request.ToolChoice?.DeepClone() ?? JsonValue.Create("auto"),
        Tools = _request.Tools ?? [],
        TopP = _request.TopP ?? 1,
        Usage = usage,
        User = _request.User,
        Metadata = _request.Metadata ?? [],
    };
}

/// <summary>A call of the gateway's web_search function: the call id, the query, and the upstream part that made it.</summary>
internal sealed record PendingSearch(string CallId, string Query, Part Call);
