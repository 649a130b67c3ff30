using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Responses;

internal sealed partial class ResponsesStream
{
    private OpenReasoning? _reasoning;
    private OpenMessage? _message;
    private SignedThinking? _lastClaudeThinking;
    private bool _turnHasCall;

    private void Read(Part part, List<ResponseStreamEvent> events)
    {
        if (part.Thought == true)
        {
            ReadThought(part.Text ?? "", part.ThoughtSignature, events);
        }
        else if (part.FunctionCall is { } call)
        {
            ReadCall(part, call, events);
        }
        else if (part.InlineData is { } blob)
        {
            CloseOpen(events);
            ImageItem(blob, events);
        }
        else if (part.Text is { } text)
        {
            if (text.Length == 0)
            {
                // A trailing signature on an empty text part signs the thinking before it (Claude).
                SignReasoning(part.ThoughtSignature);
                return;
            }

            if (_message is null)
            {
                CloseOpen(events);
                OpenMessageItem(events);
            }

            _message!.Text.Append(text);
            events.Add(Event("response.output_text.delta") with
            {
                ItemId = _message.Id, OutputIndex = _message.Index, ContentIndex = 0, Delta = text, Logprobs = [],
            });
        }
    }

    private void ReadThought(string text, string? signature, List<ResponseStreamEvent> events)
    {
        if (_reasoning is null || _reasoning.Signature is not null)
        {
            CloseOpen(events);
            _reasoning = new OpenReasoning(ResponsesIds.Reasoning(), _output.Count);
            _output.Add(ReasoningItem(_reasoning, done: false));
            events.Add(Event("response.output_item.added") with { OutputIndex = _reasoning.Index, Item = _output[^1] });
        }

        if (text.Length > 0)
        {
            _reasoning.Text.Append(text);
            if (_summary)
            {
                if (!_reasoning.SummaryStarted)
                {
                    _reasoning.SummaryStarted = true;
                    events.Add(Event("response.reasoning_summary_part.added") with
                    {
                        ItemId = _reasoning.Id, OutputIndex = _reasoning.Index, SummaryIndex = 0, Part = ResponseOutputContent.SummaryText(""),
                    });
                }

                events.Add(Event("response.reasoning_summary_text.delta") with
                {
                    ItemId = _reasoning.Id, OutputIndex = _reasoning.Index, SummaryIndex = 0, Delta = text,
                });
            }
        }

        SignReasoning(signature);
    }

    /// <summary>Claude: a signature closes the thinking block it follows (a later thought opens a new reasoning item).</summary>
    private void SignReasoning(string? signature)
    {
        if (Claude && !string.IsNullOrEmpty(signature) && _reasoning is { Signature: null } reasoning)
        {
            reasoning.Signature = signature;
            _lastClaudeThinking = new SignedThinking(reasoning.Text.ToString(), signature, ModelFamily.Claude);
        }
    }

    private void ReadCall(Part part, FunctionCall call, List<ResponseStreamEvent> events)
    {
        var callId = string.IsNullOrEmpty(call.Id) ? ResponsesIds.Call() : call.Id;
        var first = !_turnHasCall;
        _turnHasCall = true;
        if (first)
        {
            Remember(callId, part.ThoughtSignature);
        }

        if (_request.ParallelToolCalls == false && _calls > 0)
        {
            return; // parallel_tool_calls: false: a turn's later calls are not returned
        }

        var geminiSignature = _ctx.Route.Family == ModelFamily.Gemini ? part.ThoughtSignature : null;
        if (_encrypted && !string.IsNullOrEmpty(geminiSignature))
        {
            // The signature travels in a reasoning item right before the call: the open one, or a new one with no summary.
            if (_reasoning is null || _reasoning.GeminiSeal is not null)
            {
                CloseOpen(events);
                _reasoning = new OpenReasoning(ResponsesIds.Reasoning(), _output.Count);
                _output.Add(ReasoningItem(_reasoning, done: false));
                events.Add(Event("response.output_item.added") with { OutputIndex = _reasoning.Index, Item = _output[^1] });
            }

            _reasoning.GeminiSeal = new SealedReasoning(SealedReasoning.Gemini, geminiSignature, CallId: callId);
        }

        CloseOpen(events);
        _calls++;
        var entry = Tools.FindUpstream(call.Name);
        switch (entry?.Kind)
        {
            case ResponsesToolKind.WebSearch:
                var query = (call.Args as JsonObject)?["query"] is JsonValue q && q.TryGetValue<string>(out var text) ? text : "";
                PendingSearches.Add(new PendingSearch(callId, query, part));
                SearchItem(new JsonObject { ["type"] = "search", ["query"] = query }, events);
                break;
            case ResponsesToolKind.Custom:
                var input = (call.Args as JsonObject)?["input"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : OpenAITranslator.Serialize(call.Args);
                CallItem(new ResponseOutputItem
                {
                    Id = ResponsesIds.CustomToolCall(), Type = "custom_tool_call", Status = "in_progress", CallId = callId, Name = entry.ClientName, Input = "",
                }, input, events);
                break;
            default:
                CallItem(new ResponseOutputItem
                {
                    Id = ResponsesIds.FunctionCall(), Type = "function_call", Status = "in_progress", Arguments = "", CallId = callId,
                    Name = entry?.ClientName ?? call.Name, Namespace = entry?.Namespace,
                }, OpenAITranslator.Serialize(call.Args), events);
                break;
        }
    }

    /// <summary>Server memory for clients that do not send encrypted reasoning back: the turn's signed thinking under its first call id.</summary>
    private void Remember(string callId, string? signature)
    {
        if (Claude && _lastClaudeThinking is not null)
        {
            _ctx.Thinking.Remember(callId, _lastClaudeThinking);
        }
        else if (_ctx.Route.Family == ModelFamily.Gemini && !string.IsNullOrEmpty(signature))
        {
            _ctx.Thinking.Remember(callId, new SignedThinking("", signature, ModelFamily.Gemini));
        }
    }

    private void CallItem(ResponseOutputItem added, string payload, List<ResponseStreamEvent> events)
    {
        var index = _output.Count;
        _output.Add(added);
        events.Add(Event("response.output_item.added") with { OutputIndex = index, Item = added });
        var custom = added.Type == "custom_tool_call";
        events.Add(Event(custom ? "response.custom_tool_call_input.delta" : "response.function_call_arguments.delta") with
        {
            ItemId = added.Id, OutputIndex = index, Delta = payload,
        });
        events.Add(custom
            ? Event("response.custom_tool_call_input.done") with { ItemId = added.Id, OutputIndex = index, Input = payload }
            : Event("response.function_call_arguments.done") with { ItemId = added.Id, OutputIndex = index, Name = added.Name, Arguments = payload });
        var done = custom ? added with { Status = "completed", Input = payload } : added with { Status = "completed", Arguments = payload };
        _output[index] = done;
        events.Add(Event("response.output_item.done") with { OutputIndex = index, Item = done });
    }

    private void SearchItem(JsonObject action, List<ResponseStreamEvent> events)
    {
        var index = _output.Count;
        var item = new ResponseOutputItem { Id = ResponsesIds.WebSearchCall(), Type = "web_search_call", Status = "in_progress" };
        _output.Add(item);
        events.Add(Event("response.output_item.added") with { OutputIndex = index, Item = item });
        foreach (var stage in (string[])["in_progress", "searching", "completed"])
        {
            events.Add(Event("response.web_search_call." + stage) with { ItemId = item.Id, OutputIndex = index });
        }

        _output[index] = item with { Status = "completed", Action = action };
        events.Add(Event("response.output_item.done") with { OutputIndex = index, Item = _output[index] });
    }

    private void ImageItem(Blob blob, List<ResponseStreamEvent> events)
    {
        var index = _output.Count;
        var item = new ResponseOutputItem { Id = ResponsesIds.ImageGenerationCall(), Type = "image_generation_call", Status = "in_progress" };
        _output.Add(item);
        events.Add(Event("response.output_item.added") with { OutputIndex = index, Item = item });
        foreach (var stage in (string[])["in_progress", "generating", "completed"])
        {
            events.Add(Event("response.image_generation_call." + stage) with { ItemId = item.Id, OutputIndex = index });
        }

        var format = blob.MimeType.StartsWith("image/", StringComparison.Ordinal) ? blob.MimeType["image/".Length..] : blob.MimeType;
        _output[index] = item with { Status = "completed", Result = blob.Data, OutputFormat = format };
        events.Add(Event("response.output_item.done") with { OutputIndex = index, Item = _output[index] });
    }

    private void OpenMessageItem(List<ResponseStreamEvent> events)
    {
        _message = new OpenMessage(ResponsesIds.Message(), _output.Count);
        var item = new ResponseOutputItem { Id = _message.Id, Type = "message", Status = "in_progress", Role = "assistant", Content = [] };
        _output.Add(item);
        events.Add(Event("response.output_item.added") with { OutputIndex = _message.Index, Item = item });
        events.Add(Event("response.content_part.added") with
        {
            ItemId = _message.Id, OutputIndex = _message.Index, ContentIndex = 0, Part = ResponseOutputContent.OutputText(""),
        });
    }

    /// <summary>Closes the open reasoning or message item (a message with <paramref name="status"/>).</summary>
    private void CloseOpen(List<ResponseStreamEvent> events, string status = "completed")
    {
        if (_reasoning is { } reasoning)
        {
            _reasoning = null;
            var text = reasoning.Text.ToString();
            if (reasoning.SummaryStarted)
            {
                events.Add(Event("response.reasoning_summary_text.done") with { ItemId = reasoning.Id, OutputIndex = reasoning.Index, SummaryIndex = 0, Text = text });
                events.Add(Event("response.reasoning_summary_part.done") with
                {
                    ItemId = reasoning.Id, OutputIndex = reasoning.Index, SummaryIndex = 0, Part = ResponseOutputContent.SummaryText(text),
                });
            }

            _output[reasoning.Index] = ReasoningItem(reasoning, done: true);
            events.Add(Event("response.output_item.done") with { OutputIndex = reasoning.Index, Item = _output[reasoning.Index] });
        }

        if (_message is { } message)
        {
            _message = null;
            var text = message.Text.ToString();
            events.Add(Event("response.output_text.done") with { ItemId = message.Id, OutputIndex = message.Index, ContentIndex = 0, Text = text, Logprobs = [] });
            var content = ResponseOutputContent.OutputText(text, message.Annotations);
            events.Add(Event("response.content_part.done") with { ItemId = message.Id, OutputIndex = message.Index, ContentIndex = 0, Part = content });
            _output[message.Index] = _output[message.Index] with { Status = status, Content = [content] };
            events.Add(Event("response.output_item.done") with { OutputIndex = message.Index, Item = _output[message.Index] });
        }
    }

    private ResponseOutputItem ReasoningItem(OpenReasoning reasoning, bool done)
    {
        string? encrypted = null;
        if (done && _encrypted)
        {
            var seal = reasoning.GeminiSeal
                ?? (Claude && reasoning.Signature is { } signature ? new SealedReasoning(SealedReasoning.Claude, signature, reasoning.Text.ToString()) : null);
            encrypted = seal is null ? null : _options.Sealer.Seal(seal);
        }

        return new ResponseOutputItem
        {
            Id = reasoning.Id,
            Type = "reasoning",
            Summary = done && _summary && reasoning.Text.Length > 0 ? [new ResponseSummaryPart { Type = "summary_text", Text = reasoning.Text.ToString() }] : [],
            EncryptedContent = encrypted,
        };
    }

    private sealed class OpenReasoning(string id, int index)
    {
        public string Id { get; } = id;
        public int Index { get; } = index;
        public StringBuilder Text { get; } = new();
        public bool SummaryStarted { get; set; }

        /// <summary>Claude: the block's signature.</summary>
        public string? Signature { get; set; }

        /// <summary>Gemini: the signature of the call that follows.</summary>
        public SealedReasoning? GeminiSeal { get; set; }
    }

    private sealed class OpenMessage(string id, int index)
    {
        public string Id { get; } = id;
        public int Index { get; } = index;
        public StringBuilder Text { get; } = new();
        public List<ResponseAnnotation> Annotations { get; } = [];
    }
}
