using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// OpenAI Responses ↔ the upstream's Gemini-style request. Static, no clock, no DI. Choices made here:
/// <list type="bullet">
/// <item><c>instructions</c>, then system and developer messages wherever they appear, become systemInstruction parts
/// in order (Codex sends no instructions, only developer messages).</item>
/// <item>User messages → user turns (input_text, input_image as inlineData or fileData, input_file likewise); assistant
/// messages, reasoning, function_call and custom_tool_call items → model turns; tool outputs → user turns of
/// <c>functionResponse {name, id (Claude only), response:{content}}</c>, images in an output following as parts.
/// Consecutive turns of one role are merged.</item>
/// <item>Custom (free-form) tools are declared as functions taking one string <c>input</c> (the grammar goes into the
/// description); their calls go back as <c>{input}</c>. Namespaced tools are declared as <c>namespace__name</c>
/// (<see cref="ResponsesToolMap"/>). <c>tool_search</c> (Codex's client-side discovery) has no upstream form and is not
/// declared.</item>
/// <item>web_search alone → the upstream's googleSearch tool (requestType web_search); with function or custom tools
/// (which the upstream refuses to mix with search) → a <c>web_search</c> function the gateway answers itself
/// (<see cref="ResponsesStream.PendingSearches"/>).</item>
/// <item>Reasoning items: <see cref="ReasoningSealer">sealed</see> Claude thinking becomes a signed thought part where
/// the item stands, on Claude thinking routes, for model turns of the open tool loop (after the last real user text;
/// all of them with <see cref="TranslationContext.KeepThinking"/>); a sealed Gemini signature goes on the function call
/// it names. Without encrypted content, thinking remembered in <see cref="TranslationContext.Thinking"/> under the
/// turn's first call id is used. Gemini 3 routes put the skip sentinel on a first call with no signature. When the
/// final model turn of the open loop has no signed thinking on a Claude thinking route, thinking is turned off for the
/// request and no thought is sent (the upstream refuses a thinking request whose last assistant turn lacks it).</item>
/// <item><c>reasoning.effort</c> → thinking per <see cref="ThinkingRules"/> (none = off, xhigh = high); a reasoning
/// summary asks Gemini for thought text. <c>text.format</c> json_schema/json_object → responseMimeType and a cleaned
/// responseSchema. <c>max_output_tokens</c>, <c>temperature</c>, <c>top_p</c> as generationConfig.</item>
/// <item><c>tool_choice</c> auto → VALIDATED for Claude, AUTO otherwise; none → NONE; required → ANY; a named tool → ANY
/// with that name; allowed_tools → its mode with allowedFunctionNames. <c>parallel_tool_calls: false</c> is enforced on
/// the way back (only a turn's first call is returned).</item>
/// <item>Image routes get responseModalities TEXT+IMAGE and no tools or thinking.</item>
/// </list>
/// </summary>
internal static partial class ResponsesTranslator
{
    /// <summary>Translates a request that passed <see cref="Validate"/> into the upstream envelope.</summary>
    public static UpstreamEnvelope ToUpstream(ResponsesRequest request, TranslationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ctx);
        var route = ctx.Route;
        var tools = request.ToolMap ?? throw new ArgumentException("Call Validate first.", nameof(request));
        var history = History.Build(request, ctx);

        var ask = !history.ThinkingOn || request.Reasoning?.Effort == "none"
            ? new ThinkingAsk(Budget: 0)
            : new ThinkingAsk(
                request.Reasoning?.Effort == "xhigh" ? "high" : request.Reasoning?.Effort,
                IncludeThoughts: route.Family == ModelFamily.Gemini && WantsSummary(request) ? true : null);
        var (upstreamTools, toolConfig) = route.ImageGeneration ? (null, null) : Tools(request, tools, route);
        return new UpstreamEnvelope
        {
            Project = ctx.Project,
            Model = route.UpstreamModel,
            RequestType = UpstreamRequestTypes.For(route, upstreamTools),
            UserAgent = "antigravity",
            RequestId = ctx.RequestId,
            Request = new UpstreamRequest
            {
                Contents = history.Contents,
                SystemInstruction = history.System.Count > 0 ? new Content { Role = "user", Parts = history.System } : null,
                Tools = upstreamTools,
                ToolConfig = toolConfig,
                GenerationConfig = Generation(request, route, ask),
                SessionId = ctx.SessionId,
            },
        };
    }

    /// <summary>Whether the client asked for a reasoning summary (auto, concise or detailed).</summary>
    internal static bool WantsSummary(ResponsesRequest request) =>
        (request.Reasoning?.Summary ?? request.Reasoning?.GenerateSummary) is "auto" or "concise" or "detailed";

    internal static bool WantsEncryptedReasoning(ResponsesRequest request) =>
        request.Include?.Contains("reasoning.encrypted_content", StringComparer.Ordinal) == true;

    private static GenerationConfig? Generation(ResponsesRequest request, ModelRoute route, ThinkingAsk ask)
    {
        var (thinking, maxOutput) = ThinkingRules.Plan(route, ask, request.MaxOutputTokens);
        var (mime, schema) = request.Text?.Format switch
        {
            { Type: "json_object" } => ("application/json", null),
            { Type: "json_schema", Schema: { } s } => ("application/json", ToolSchemas.ForUpstream(s, route)),
            _ => ((string?)null, (JsonNode?)null),
        };

        var config = new GenerationConfig
        {
            MaxOutputTokens = maxOutput,
            Temperature = request.Temperature,
            TopP = request.TopP,
            ResponseMimeType = mime,
            ResponseSchema = schema,
            ResponseModalities = route.ImageGeneration ? ["TEXT", "IMAGE"] : null,
            ThinkingConfig = thinking,
        };
        return config == new GenerationConfig() ? null : config;
    }

    private static (List<Tool>? Tools, ToolConfig? Config) Tools(ResponsesRequest request, ResponsesToolMap map, ModelRoute route)
    {
        var choice = request.ToolChoice;
        var none = choice is JsonValue v && v.TryGetValue<string>(out var s) && s == "none";
        if (map.NativeSearch)
        {
            return none ? (null, null) : ([new Tool { GoogleSearch = [] }], null);
        }

        if (map.Entries.Count == 0)
        {
            return (null, null);
        }

        var declarations = map.Entries.Select(entry => Declaration(entry, route)).ToList();
        var auto = route.Family == ModelFamily.Claude ? "VALIDATED" : "AUTO";
        var config = choice switch
        {
            _ when none => new FunctionCallingConfig { Mode = "NONE" },
            JsonValue r when r.TryGetValue<string>(out var mode) && mode == "required" => new FunctionCallingConfig { Mode = "ANY" },
            JsonObject { } o when (string?)o["type"] is "function" or "custom" =>
                new FunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [map.UpstreamNameFor((string?)o["namespace"], (string)o["name"]!)] },
            JsonObject { } o when (string?)o["type"] == "allowed_tools" => AllowedTools(o, map, auto),
            JsonObject { } o when ResponsesToolMap.IsWebSearchType((string?)o["type"]) && map.SplitSearch =>
                new FunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [map.Entries.First(e => e.Kind == ResponsesToolKind.WebSearch).UpstreamName] },
            _ => new FunctionCallingConfig { Mode = auto },
        };

        return ([new Tool { FunctionDeclarations = declarations }], new ToolConfig { FunctionCallingConfig = config });
    }

    private static FunctionCallingConfig AllowedTools(JsonObject choice, ResponsesToolMap map, string auto)
    {
        var names = new List<string>();
        foreach (var tool in choice["tools"] as JsonArray ?? [])
        {
            var type = (string?)tool?["type"];
            if (type is "function" or "custom" && (string?)tool!["name"] is { } name && map.FindClient((string?)tool["namespace"], name) is { } entry)
            {
                names.Add(entry.UpstreamName);
            }
            else if (ResponsesToolMap.IsWebSearchType(type) && map.Entries.FirstOrDefault(e => e.Kind == ResponsesToolKind.WebSearch) is { } search)
            {
                names.Add(search.UpstreamName);
            }
        }

        return new FunctionCallingConfig
        {
            Mode = (string?)choice["mode"] == "required" ? "ANY" : auto,
            AllowedFunctionNames = names.Count > 0 ? names : null,
        };
    }

    private static FunctionDeclaration Declaration(ResponsesToolEntry entry, ModelRoute route)
    {
        switch (entry.Kind)
        {
            case ResponsesToolKind.Custom:
                var format = entry.Tool?.Format;
                var description = entry.Tool?.Description ?? "";
                if (format is { Type: "grammar" })
                {
                    description += $"\n\nThe input is free-form text (not JSON) in this {format.Syntax} grammar:\n{format.Definition}";
                }

                return new FunctionDeclaration
                {
                    Name = entry.UpstreamName,
                    Description = description.Length > 0 ? description : null,
                    Parameters = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["input"] = new JsonObject { ["type"] = "string", ["description"] = "The tool's free-form input." } },
                        ["required"] = new JsonArray("input"),
                    },
                };
            case ResponsesToolKind.WebSearch:
                return WebSearchFunction.Declaration(entry.UpstreamName);
            default:
                return new FunctionDeclaration
                {
                    Name = entry.UpstreamName,
                    Description = entry.Tool?.Description,
                    Parameters = ToolSchemas.ForUpstream(entry.Tool?.Parameters ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() }, route),
                };
        }
    }

    /// <summary>The text of content parts (text, output_text, refusal), joined with newlines.</summary>
    internal static string JoinText(IEnumerable<ResponseContentPart>? parts) =>
        string.Join("\n", (parts ?? []).Select(p => p.Text ?? p.Refusal).OfType<string>());

    /// <summary>An image or file part as an upstream part; null for text kinds.</summary>
    internal static Part? MediaPart(ResponseContentPart part)
    {
        switch (part.Type)
        {
            case "input_image" when part.ImageUrl is { } url:
                return OpenAITranslator.TryParseDataUrl(url, out var mime, out var data)
                    ? new Part { InlineData = new Blob { MimeType = mime, Data = data } }
                    : new Part { FileData = new FileData { FileUri = url, MimeType = MimeFromName(new Uri(url).AbsolutePath) ?? "image/jpeg" } };
            case "input_file" when part.FileData is { Length: > 0 } fileData:
                return OpenAITranslator.TryParseDataUrl(fileData, out var fileMime, out var base64)
                    ? new Part { InlineData = new Blob { MimeType = fileMime, Data = base64 } }
                    : new Part { InlineData = new Blob { MimeType = MimeFromName(part.Filename) ?? "application/octet-stream", Data = fileData } };
            case "input_file" when part.FileUrl is { } fileUrl:
                return new Part { FileData = new FileData { FileUri = fileUrl, MimeType = MimeFromName(part.Filename ?? new Uri(fileUrl).AbsolutePath) } };
            default:
                return null;
        }
    }
}
