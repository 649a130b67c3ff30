using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Responses;
using Switchyard.Storage;

namespace Switchyard.FrontDoors;

/// <summary>
/// What the Responses door keeps beyond one request: the reasoning sealer, whose key lives in
/// <see cref="ResponsesDoorOptions.ReasoningKeyFile"/> (created on first use, owner-only, shared by every instance using
/// the data directory), and the bounded response store (<see cref="ResponseStore"/>) behind <c>store</c> and
/// <c>previous_response_id</c>. A stored response keeps its whole conversation (input items, then output items as
/// input items), so a continuation needs one lookup. Singleton; thread-safe.
/// </summary>
internal sealed partial class ResponsesDoor : IDisposable
{
    private readonly IOptions<ResponsesDoorOptions> _options;
    private readonly TimeProvider _time;
    private readonly Lazy<ResponsesOptions> _translation;
    private readonly Lazy<ResponseStore> _store;
    private readonly ILogger<ResponsesDoor> _logger;

    public ResponsesDoor(GatewayPaths paths, IOptions<ResponsesDoorOptions> options, IOptions<StorageOptions> storage, TimeProvider time, ILogger<ResponsesDoor> logger)
    {
        _options = options;
        _logger = logger;
        _time = time;
        var o = options.Value;
        _translation = new Lazy<ResponsesOptions>(() => new ResponsesOptions(
            new ReasoningSealer(KeyFiles.LoadOrCreate(Path.Combine(paths.DataDir, o.ReasoningKeyFile), 32,
                "a new key only makes earlier encrypted reasoning unreadable (thinking restarts for that turn).")),
            o.Store));
        _store = new Lazy<ResponseStore>(() => new ResponseStore(paths.DataDir, Path.Combine(paths.DataDir, o.StoreDatabaseFile), storage.Value.BusyTimeoutSeconds));
    }

    /// <summary>The translator's options: the sealer (its key loaded or created now) and whether responses are stored.</summary>
    public ResponsesOptions Translation => _translation.Value;

    public bool StoreEnabled => _options.Value.Store;

    /// <summary>
    /// Puts the conversation of <c>previous_response_id</c> before the request's own input. Null on success (or when there
    /// is nothing to expand), else the 400 to answer: the id is unknown or expired (storage off is left to validation).
    /// </summary>
    public async Task<OpenAIError?> ExpandPreviousAsync(ResponsesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PreviousResponseId is not { Length: > 0 } id || !StoreEnabled)
        {
            return null;
        }

        var lookup = await _store.Value.FindAsync(id, _time.GetUtcNow(), cancellationToken);
        if (lookup.Response is not { } stored)
        {
            var why = lookup.Expired
                ? $"Previous response with id '{id}' has expired: responses are kept for {_options.Value.StoreRetentionHours:0.##} hours. Send the whole input instead."
                : $"Previous response with id '{id}' not found.";
            return ResponsesErrors.Invalid(why, "previous_response_id", "previous_response_not_found");
        }

        List<ResponseInputItem> items;
        try
        {
            items = JsonSerializer.Deserialize(stored.Conversation, ResponsesJsonContext.Default.ListResponseInputItem) ?? [];
        }
        catch (JsonException)
        {
            return ResponsesErrors.Invalid($"Previous response with id '{id}' could not be read; send the whole input instead.", "previous_response_id", "previous_response_not_found");
        }

        request.Input = [.. items, .. request.Input ?? []];
        return null;
    }

    /// <summary>Whether the finished <paramref name="response"/> is kept: storage on, the client did not send <c>store: false</c>, and it did not fail.</summary>
    public bool ShouldStore(ResponsesRequest request, ResponseObject? response) =>
        StoreEnabled && request.Store != false && response is { Status: "completed" or "incomplete" };

    /// <summary>Keeps <paramref name="response"/> with its conversation: the (expanded) input items, then its output items. A storage failure is logged, not thrown.</summary>
    public async Task SaveAsync(ResponsesRequest request, ResponseObject response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var conversation = JsonNode.Parse(ResponsesJsonContext.Write(request.Input ?? []))!.AsArray();
        foreach (var item in JsonNode.Parse(ResponsesJsonContext.Write(response.Output))!.AsArray())
        {
            conversation.Add(item?.DeepClone());
        }

        var now = _time.GetUtcNow();
        var o = _options.Value;
        var row = new StoredResponse(response.Id, now, now + TimeSpan.FromHours(o.StoreRetentionHours), conversation.ToJsonString(), ResponsesTranslator.ToJson(response));
        try
        {
            await _store.Value.SaveAsync(row, now, o.StoreMaxRows, cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            // The reply is answered either way; only a later previous_response_id will miss it.
            LogStoreFailed(response.Id, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Response {ResponseId} was not stored: {Failure}")]
    private partial void LogStoreFailed(string responseId, string failure);

    /// <summary>A stored response object's JSON, or null when unknown or expired.</summary>
    public async Task<string?> FindAsync(string id, CancellationToken cancellationToken) =>
        StoreEnabled ? (await _store.Value.FindAsync(id, _time.GetUtcNow(), cancellationToken)).Response?.Response : null;

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        StoreEnabled ? _store.Value.DeleteAsync(id, cancellationToken) : Task.FromResult(false);

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            _store.Value.Dispose();
        }
    }
}
