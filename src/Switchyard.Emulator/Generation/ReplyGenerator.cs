using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// Step 9 of spec §8.2: the deterministic model (§8.3). The reply comes from the first source that
/// applies: a queued script entry, directives in the last user text, or an echo of that text.
/// </summary>
internal static class ReplyGenerator
{
    private const int EchoChars = 120;
    private const int ResultExcerptChars = 60;

    public static EmulatorReply Generate(CloudCodeCall call)
    {
        var request = call.Body["request"] as JsonObject ?? [];
        var style = ModelStyle.For(call, request);
        var script = call.State.Scripts.Take(call.Account?.Email, style.ModelId, call.Label);
        var plan = script is not null ? FromScript(script) : FromRequest(request, style);
        if (plan.Fault is { } own && !StreamShaping.IsShaping(own.Type) && FaultReplies.Immediate(call, own) is { } immediate)
        {
            // [[emu:fault PRESET]] naming an immediate fault (networkReset, rateLimit…): the fault engine's reply.
            call.Entry.Outcome ??= "fault-directive:" + own.Type;
            return immediate;
        }

        var shapingFault = call.ShapingFault ?? plan.Fault;
        var shaping = StreamShaping.From(shapingFault);

        var thinkingOnly = shaping.Is("thinkingOnly");
        if (thinkingOnly)
        {
            plan = plan with { Text = null, Calls = [], Image = false, Empty = false, MaxTokens = false, Thinking = plan.Thinking is { Length: > 0 } t ? t : null };
            style = style with { Image = false };
        }

        if (shaping.EmptyResponse && !call.Streaming)
        {
            plan = plan with { Empty = true };
        }

        (plan, style) = ImageReply.ApplyModalities(plan, style, request);
        var chunk = call.Streaming ? Math.Max(1, call.Config.Sse.TextChunkChars) : int.MaxValue;
        var turn = Turn.Build(plan, style, TokenEstimator.Request(request), chunk, call.State.Signatures, call.Config.ClaudeToolFinishReason, thinkingOnly);
        var cached = call.State.PromptCache.Observe((call.Account?.Email ?? "") + "|" + style.ModelId, request, call.State.Clock.GetUtcNow(), call.Config.PromptCache);
        if (cached > 0 && !turn.Usage.ContainsKey("cachedContentTokenCount"))
        {
            turn.Usage["cachedContentTokenCount"] = cached;
        }
        var userText = LastUserTurn(request).Text;
        ImageReply.Render(turn, style, request, userText);
        var grounding = SearchGrounding.ForTurn(turn, request, userText);
        var responseId = style.Claude ? Ids.ClaudeResponseId() : Ids.GeminiResponseId();
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var withUsage = !shaping.Is("noUsage");
        var settings = StreamSettings.From(call.Config.Sse, shaping);

        // server-timing reports the emulated model time: pacing plus a little per token.
        var durationMs = 40 + ((turn.Usage["totalTokenCount"]?.GetValue<int>() ?? 0) / 10)
            + (call.Streaming
                ? (int)settings.FirstByteDelay.TotalMilliseconds + ((Math.Max(1, turn.Parts.Count) - 1) * (int)settings.InterChunkDelay.TotalMilliseconds)
                : shaping.FirstByteMs ?? 0);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-cloudaicompanion-trace-id"] = traceId,
            ["server-timing"] = string.Create(CultureInfo.InvariantCulture, $"gfet4t7; dur={durationMs}"),
        };

        if (!call.Streaming)
        {
            var body = Turn.Envelope(turn.Parts, turn.FinishReason, withUsage ? turn.Usage : null, style.ModelId, responseId, traceId);
            SearchGrounding.Attach(body, grounding);
            var reply = shapingFault is { Type: FaultActionTypes.Body } bodyFault
                ? BodyShaping.Apply(body, bodyFault, headers)
                : new JsonReply(200, body) { Headers = headers };
            // The sse pacing config is for streams; only a delay fault holds back a JSON reply.
            var delay = TimeSpan.FromMilliseconds(Math.Max(0, shaping.FirstByteMs ?? 0));
            return delay > TimeSpan.Zero ? new DelayedReply(reply, delay, call.State.Wall) { Headers = headers } : reply;
        }

        var events = StreamEvents(turn, withUsage, style.ModelId, responseId, traceId);
        SearchGrounding.Attach(events[^1], grounding);
        return new StreamReply(events, settings, call.State.Wall) { Headers = headers };
    }

    /// <summary>countTokens (spec §3.2): <c>{"totalTokens": N}</c> for <c>request</c>.</summary>
    public static EmulatorReply CountTokens(CloudCodeCall call) =>
        new JsonReply(200, new JsonObject { ["totalTokens"] = TokenEstimator.Request(call.Body["request"] as JsonObject) });

    /// <summary>One event per part; prompt usage in the first, finishReason and full usage in the last.</summary>
    internal static List<JsonObject> StreamEvents(Turn turn, bool withUsage, string modelVersion, string responseId, string traceId)
    {
        var events = new List<JsonObject>();
        var count = Math.Max(1, turn.Parts.Count);
        for (var i = 0; i < count; i++)
        {
            var last = i == count - 1;
            JsonObject? usage = !withUsage ? null
                : last ? turn.Usage
                : i == 0 ? new JsonObject { ["promptTokenCount"] = turn.PromptTokens }
                : null;
            var parts = turn.Parts.Count == 0 ? [] : new[] { turn.Parts[i] };
            events.Add(Turn.Envelope(parts, last ? turn.FinishReason : null, usage, modelVersion, responseId, traceId));
        }

        return events;
    }

    private static ReplyPlan FromScript(ScriptedResponse script) => new()
    {
        Thinking = script.Thinking,
        Text = script.Text,
        Calls = script.FunctionCalls.Select(c => new PlannedCall(c.Name, c.ArgsJson)).ToList(),
        Image = script.Image,
        FinishReason = script.FinishReason,
        Usage = script.Usage,
        Fault = script.Fault,
    };

    private static ReplyPlan FromRequest(JsonObject request, ModelStyle style)
    {
        var (userText, toolResults) = LastUserTurn(request);
        var afterTools = userText is null && toolResults.Count > 0;

        // After tool results, a directive in a result's output chains the next step (a multi-step tool loop).
        var d = Directives.Parse(afterTools ? ToolOutputs(request) : userText);
        if (afterTools && !d.Any)
        {
            return new ReplyPlan { Text = $"Emulated {style.ModelId} reply after tool results: {string.Join(", ", toolResults)}" };
        }

        var echo = $"Emulated {style.ModelId} reply to: {Truncate(userText ?? "", EchoChars)}";
        if (!d.Any)
        {
            return new ReplyPlan { Text = ToolRules.HasSearch(request) ? SearchGrounding.AnswerText(userText) : echo };
        }

        var text = d.Text ?? (d.LenTokens is { } tokens ? CannedContent.TextOfTokens(tokens) : d.Calls.Count > 0 || d.Image ? null : echo);
        if (d.MaxTokens && text is not null)
        {
            var max = ModelStyle.MaxOutputTokens(request) is { } m && m > 0 ? m * 4 : int.MaxValue;
            text = Truncate(text, Math.Min(max, Math.Max(1, text.Length / 2)));
        }

        return new ReplyPlan
        {
            Thinking = d.ThinkWords is { } words ? CannedContent.Thinking(words) : null,
            Text = text,
            Calls = d.MaxTokens ? [] : d.Calls,
            Image = d.Image,
            Empty = d.Empty,
            MaxTokens = d.MaxTokens,
            Fault = FaultPreset(d.Fault),
        };
    }

    /// <summary>
    /// <c>[[emu:fault PRESET {args}?]]</c>: a stream mode name (e.g. <c>truncate</c>) shapes the reply; any other
    /// name is a fault action type (<c>delay</c>, <c>emptyResponse</c>, <c>networkReset</c>, <c>rateLimit</c>…)
    /// with the optional JSON object as its arguments. Malformed arguments are ignored.
    /// </summary>
    internal static FaultAction? FaultPreset(string? preset)
    {
        if (string.IsNullOrWhiteSpace(preset))
        {
            return null;
        }

        var split = preset.IndexOfAny([' ', '{']);
        var name = split < 0 ? preset : preset[..split];
        JsonObject args;
        try
        {
            args = split >= 0 && JsonNode.Parse(preset[split..]) is JsonObject parsed ? parsed : [];
        }
        catch (JsonException)
        {
            args = [];
        }

        if (StreamShaping.Modes.Contains(name, StringComparer.Ordinal))
        {
            args["mode"] = name;
            name = "stream";
        }

        args["type"] = name;
        return new FaultAction(name, args);
    }

    /// <summary>
    /// The last text part of the last user-role content, or, when that turn holds only function responses,
    /// their names.
    /// </summary>
    internal static (string? Text, List<string> ToolResults) LastUserTurn(JsonObject request)
    {
        var toolResults = new List<string>();
        if (request["contents"] is not JsonArray contents)
        {
            return (null, toolResults);
        }

        for (var i = contents.Count - 1; i >= 0; i--)
        {
            if (contents[i] is not JsonObject content || (content["role"] is JsonValue r && r.TryGetValue<string>(out var role) && role != "user"))
            {
                continue;
            }

            string? text = null;
            foreach (var part in content["parts"] as JsonArray ?? [])
            {
                if (part is not JsonObject p)
                {
                    continue;
                }

                if (p["text"] is JsonValue t && t.TryGetValue<string>(out var s) && !IsThought(p))
                {
                    text = s;
                }

                if ((p["functionResponse"] ?? p["function_response"]) is JsonObject fr && fr["name"] is JsonValue n && n.TryGetValue<string>(out var name))
                {
                    toolResults.Add(ResultExcerpt(fr["response"]) is { } excerpt ? $"{name} ({excerpt})" : name);
                }
            }

            return (text, toolResults);
        }

        return (null, toolResults);
    }

    /// <summary>The output texts of the last content's function responses, joined by newlines (where a chained directive is looked for).</summary>
    internal static string ToolOutputs(JsonObject request)
    {
        var last = (request["contents"] as JsonArray)?.LastOrDefault() as JsonObject;
        var texts = new List<string>();
        foreach (var part in last?["parts"] as JsonArray ?? [])
        {
            if ((part?["functionResponse"] ?? part?["function_response"])?["response"] is JsonObject response)
            {
                foreach (var key in (string[])["output", "content", "result"])
                {
                    var value = response[key] is JsonArray { Count: > 0 } blocks ? (blocks[0] as JsonObject)?["text"] ?? blocks[0] : response[key];
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        texts.Add(text);
                    }
                }
            }
        }

        return string.Join("\n", texts);
    }

    /// <summary>
    /// The first line of a function response's output (<c>output</c>, <c>content</c> or <c>result</c>, a string or the first
    /// text block), at most 60 characters, so a multi-turn tool loop can show which result came back; null when there is none.
    /// </summary>
    internal static string? ResultExcerpt(JsonNode? response)
    {
        if (response is not JsonObject o)
        {
            return null;
        }

        foreach (var key in (string[])["output", "content", "result"])
        {
            var value = o[key] is JsonArray { Count: > 0 } blocks ? (blocks[0] as JsonObject)?["text"] ?? blocks[0] : o[key];
            if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim() is { Length: > 0 } trimmed)
            {
                var line = trimmed.Split('\n', 2)[0].Trim();
                return Truncate(line, ResultExcerptChars);
            }
        }

        return null;
    }

    private static bool IsThought(JsonObject part) => part["thought"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static string Truncate(string s, int chars) => s.Length <= chars ? s : s[..chars];
}
