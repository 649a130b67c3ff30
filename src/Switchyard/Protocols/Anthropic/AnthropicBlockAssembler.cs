using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Anthropic;

/// <summary>
/// Turns upstream parts, in order, into Anthropic content-block events (content_block_start / _delta /
/// _stop). Both the streaming and the non-streaming path run through it, so they cannot disagree.
/// <para>A block changes when the part kind changes (thought → text → tool_use). Consecutive thought parts
/// form one thinking block until a part carries a signature; a signature on an empty non-thought text part
/// right after thinking ("trailing signature") signs that block. Every functionCall is its own tool_use
/// block whose input arrives as one input_json_delta. An inlineData part (a generated image) becomes a text block
/// holding a Markdown image with a <c>data:</c> URL, the form chat clients display; code execution is not rendered.
/// Web search grounding (<see cref="AddGrounding"/>) adds citations to the open text block, then a server_tool_use
/// block and its web_search_tool_result.</para>
/// <para>At the end, signed thinking is remembered: the turn's first signed thinking block under the
/// turn's first tool_use id (Claude), every signed thinking block under its text hash, and a Gemini
/// function-call signature under its tool_use id. Not thread-safe: one per response.</para>
/// </summary>
internal sealed class AnthropicBlockAssembler(TranslationContext ctx)
{
    private const string PlaceholderProperty = "_placeholder";

    private readonly StringBuilder _thinking = new();
    private readonly StringBuilder _answer = new();
    private readonly List<SignedThinking> _signed = [];
    private BlockKind _open;
    private bool _openSigned;
    private int _nextIndex;
    private string? _firstToolUseId;

    private enum BlockKind
    {
        None,
        Thinking,
        Text,
    }

    public bool SawToolUse => _firstToolUseId is not null;

    /// <summary>Web searches shown so far (usage <c>server_tool_use.web_search_requests</c>).</summary>
    public int WebSearches { get; private set; }

    public void Add(Part part, List<StreamEvent> events)
    {
        if (part.Thought == true)
        {
            AddThought(part, events);
        }
        else if (part.FunctionCall is { } call)
        {
            AddFunctionCall(call, part.ThoughtSignature, events);
        }
        else if (part.InlineData is { } blob)
        {
            Close(events);
            var image = $"![image](data:{blob.MimeType};base64,{blob.Data})";
            _answer.Append(image);
            Open(BlockKind.Text, new ResponseBlock { Type = "text", Text = "" }, events);
            events.Add(Delta(new StreamDelta { Type = "text_delta", Text = image }));
            Close(events);
        }
        else if (part.Text is { } text)
        {
            if (text.Length == 0)
            {
                if (_open == BlockKind.Thinking && !_openSigned && !string.IsNullOrEmpty(part.ThoughtSignature))
                {
                    Sign(part.ThoughtSignature, events);
                }

                return;
            }

            if (_open != BlockKind.Text)
            {
                Close(events);
                Open(BlockKind.Text, new ResponseBlock { Type = "text", Text = "" }, events);
            }

            _answer.Append(text);
            events.Add(Delta(new StreamDelta { Type = "text_delta", Text = text }));
        }
    }

    /// <summary>
    /// A web search's grounding: each supported span becomes a citation of the open text block (citations_delta), then
    /// the search shows as a server_tool_use block (its query) and a web_search_tool_result block (its sources).
    /// </summary>
    public void AddGrounding(WebSearchGrounding grounding, List<StreamEvent> events)
    {
        ArgumentNullException.ThrowIfNull(grounding);
        if (_open == BlockKind.Text)
        {
            var answer = _answer.ToString();
            foreach (var citation in grounding.Citations)
            {
                if (WebSearchGrounding.CitedText(citation, answer) is not { } cited)
                {
                    continue;
                }

                foreach (var index in citation.Sources)
                {
                    var source = grounding.Sources[index];
                    events.Add(Delta(new StreamDelta
                    {
                        Type = "citations_delta",
                        Citation = new JsonObject
                        {
                            ["type"] = "web_search_result_location",
                            ["url"] = source.Url,
                            ["title"] = source.Title,
                            ["encrypted_index"] = AnthropicIds.SearchIndex(index),
                            ["cited_text"] = cited,
                        },
                    }));
                }
            }
        }

        Close(events);
        WebSearches++;
        var id = AnthropicIds.NewServerToolUseId();
        events.Add(new StreamEvent
        {
            Type = "content_block_start",
            Index = _nextIndex,
            ContentBlock = new ResponseBlock { Type = "server_tool_use", Id = id, Name = "web_search", Input = new JsonObject() },
        });
        events.Add(Delta(new StreamDelta
        {
            Type = "input_json_delta",
            PartialJson = new JsonObject { ["query"] = grounding.Queries.Count > 0 ? grounding.Queries[0] : "" }.ToJsonString(AnthropicJsonContext.NodeOutput),
        }));
        events.Add(new StreamEvent { Type = "content_block_stop", Index = _nextIndex });
        _nextIndex++;

        var results = new JsonArray(grounding.Sources.Select(s => (JsonNode)new JsonObject
        {
            ["type"] = "web_search_result",
            ["url"] = s.Url,
            ["title"] = s.Title ?? s.Url,
            ["encrypted_content"] = AnthropicIds.SearchContent(s.Url),
            ["page_age"] = null,
        }).ToArray());
        events.Add(new StreamEvent
        {
            Type = "content_block_start",
            Index = _nextIndex,
            ContentBlock = new ResponseBlock { Type = "web_search_tool_result", ToolUseId = id, Content = results },
        });
        events.Add(new StreamEvent { Type = "content_block_stop", Index = _nextIndex });
        _nextIndex++;
    }

    /// <summary>Closes the open block and stores what the next turn may need.</summary>
    public void Finish(List<StreamEvent> events)
    {
        Close(events);
        if (_signed.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _signed.Count; i++)
        {
            var callKey = i == 0 && ctx.Route.Family == ModelFamily.Claude ? _firstToolUseId : null;
            ctx.Thinking.RememberClaude(callKey, _signed[i].Text, _signed[i].Signature);
        }
    }

    private void AddThought(Part part, List<StreamEvent> events)
    {
        if (_open != BlockKind.Thinking || _openSigned)
        {
            Close(events);
            Open(BlockKind.Thinking, new ResponseBlock { Type = "thinking", Thinking = "", Signature = "" }, events);
        }

        if (!string.IsNullOrEmpty(part.Text))
        {
            _thinking.Append(part.Text);
            events.Add(Delta(new StreamDelta { Type = "thinking_delta", Thinking = part.Text }));
        }

        if (!string.IsNullOrEmpty(part.ThoughtSignature))
        {
            Sign(part.ThoughtSignature, events);
        }
    }

    private void Sign(string signature, List<StreamEvent> events)
    {
        _openSigned = true;
        events.Add(Delta(new StreamDelta { Type = "signature_delta", Signature = signature }));
        if (AnthropicThinking.IsRealSignature(signature))
        {
            _signed.Add(new SignedThinking(_thinking.ToString(), signature, ctx.Route.Family));
        }
    }

    private void AddFunctionCall(FunctionCall call, string? signature, List<StreamEvent> events)
    {
        Close(events);
        var id = string.IsNullOrEmpty(call.Id) ? AnthropicIds.NewToolUseId() : call.Id;
        _firstToolUseId ??= id;
        var input = call.Args?.DeepClone() as JsonObject ?? [];
        input.Remove(PlaceholderProperty);

        events.Add(new StreamEvent
        {
            Type = "content_block_start",
            Index = _nextIndex,
            ContentBlock = new ResponseBlock { Type = "tool_use", Id = id, Name = call.Name, Input = new JsonObject() },
        });
        events.Add(new StreamEvent
        {
            Type = "content_block_delta",
            Index = _nextIndex,
            Delta = new StreamDelta { Type = "input_json_delta", PartialJson = input.ToJsonString(AnthropicJsonContext.NodeOutput) },
        });
        events.Add(new StreamEvent { Type = "content_block_stop", Index = _nextIndex });
        _nextIndex++;

        if (ctx.Route.Family == ModelFamily.Gemini && AnthropicThinking.IsRealSignature(signature))
        {
            ctx.Thinking.Remember(id, new SignedThinking("", signature!, ModelFamily.Gemini));
        }
    }

    private void Open(BlockKind kind, ResponseBlock block, List<StreamEvent> events)
    {
        _open = kind;
        _openSigned = false;
        _thinking.Clear();
        events.Add(new StreamEvent { Type = "content_block_start", Index = _nextIndex, ContentBlock = block });
    }

    private void Close(List<StreamEvent> events)
    {
        if (_open == BlockKind.None)
        {
            return;
        }

        events.Add(new StreamEvent { Type = "content_block_stop", Index = _nextIndex });
        _nextIndex++;
        _open = BlockKind.None;
    }

    private StreamEvent Delta(StreamDelta delta) =>
        new() { Type = "content_block_delta", Index = _nextIndex, Delta = delta };
}
