using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.OpenAI;

/// <summary>
/// OpenAI Chat Completions ↔ the upstream's Gemini-style request. Static, no clock, no DI: time and context come
/// in as parameters. Choices made here:
/// <list type="bullet">
/// <item>system and developer messages, wherever they appear, become systemInstruction parts (in order).</item>
/// <item>Consecutive turns of the same upstream role are merged (tool results are grouped into one user turn,
/// and a user message right after tool results joins that turn).</item>
/// <item>Tool results become <c>functionResponse {name, response:{content}}</c>, the name taken from the
/// assistant tool call with the same id. Call ids go upstream for Claude routes only (Claude pairs by id;
/// Gemini by name and order).</item>
/// <item><c>tool_choice</c> auto (or absent, with tools) → VALIDATED for Claude, AUTO otherwise; none → NONE;
/// required → ANY; a named function → ANY + allowedFunctionNames. <c>parallel_tool_calls</c> is ignored.</item>
/// <item><c>reasoning_effort</c> → thinking per <see cref="ThinkingRules"/> (<c>none</c> = budget 0: off for Claude
/// and Gemini 2.5, minimal on Gemini 3). Claude thinking routes: OpenAI history
/// carries no signed thinking, so each assistant tool-call turn gets back the thinking remembered under its first
/// tool call id (kept on disk, so this works across a restart). A turn with none is left to conversation repair,
/// which sends it as text (a <c>-thinking</c> model thinks whatever the request says, so turning thinking off
/// would not help).</item>
/// <item>Gemini routes: a remembered signature goes back on the first function call of each assistant turn; Gemini 3
/// routes use the upstream's skip sentinel when none is known (the upstream requires one).</item>
/// <item>Echoed <c>reasoning_content</c> is dropped (unsigned), as are <c>user</c>, <c>prompt_cache_key</c>,
/// <c>logprobs</c> and other fields with no upstream meaning.</item>
/// <item>Image routes get responseModalities TEXT+IMAGE and no tools or thinking.</item>
/// </list>
/// </summary>
internal static partial class OpenAITranslator
{
    /// <summary>Translates a request that passed <see cref="Validate"/> into the upstream envelope.</summary>
    public static UpstreamEnvelope ToUpstream(ChatCompletionRequest request, TranslationContext ctx)
    {
        var route = ctx.Route;
        var claude = route.Family == ModelFamily.Claude;
        var claudeThinking = claude && ThinkingRules.CanThink(route);
        var system = new List<Part>();
        var contents = new List<Content>();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var message in request.Messages!)
        {
            switch (message.Role)
            {
                case "system" or "developer":
                    system.AddRange(Texts(message.Content).Where(t => t.Length > 0).Select(t => new Part { Text = t }));
                    break;
                case "user":
                    Append(contents, "user", UserParts(message.Content));
                    break;
                case "assistant":
                    Append(contents, "model", AssistantParts(message, ctx, claudeThinking, callNames));
                    break;
                case "tool":
                    var id = message.ToolCallId!;
                    Append(contents, "user",
                    [
                        new Part
                        {
                            FunctionResponse = new FunctionResponse
                            {
                                Name = callNames[id],
                                Id = claude ? id : null,
                                Response = new JsonObject { ["content"] = string.Join("\n", Texts(message.Content)) },
                            },
                        },
                    ]);
                    break;
            }
        }

        var ask = request.ReasoningEffort != "none" ? new ThinkingAsk(request.ReasoningEffort) : new ThinkingAsk(Budget: 0);
        var (tools, toolConfig) = route.ImageGeneration ? (null, null) : Tools(request, route);
        return new UpstreamEnvelope
        {
            Project = ctx.Project,
            Model = route.UpstreamModel,
            RequestType = UpstreamRequestTypes.For(route, tools),
            UserAgent = "antigravity",
            RequestId = ctx.RequestId,
            Request = new UpstreamRequest
            {
                Contents = contents,
                SystemInstruction = system.Count > 0 ? new Content { Role = "user", Parts = system } : null,
                Tools = tools,
                ToolConfig = toolConfig,
                GenerationConfig = Generation(request, route, ask),
                SessionId = ctx.SessionId,
            },
        };
    }

    private static List<Part> UserParts(JsonNode? content)
    {
        if (content is JsonValue)
        {
            var text = content.GetValue<string>();
            return text.Length > 0 ? [new Part { Text = text }] : [];
        }

        var parts = new List<Part>();
        foreach (var part in content as JsonArray ?? [])
        {
            var type = part!["type"]!.GetValue<string>();
            if (type == "image_url")
            {
                var url = part["image_url"]!["url"]!.GetValue<string>();
                parts.Add(TryParseDataUrl(url, out var mime, out var data)
                    ? new Part { InlineData = new Blob { MimeType = mime, Data = data } }
                    : new Part { FileData = new FileData { FileUri = url, MimeType = MimeFromUrl(url) } });
            }
            else if (part[type]!.GetValue<string>() is { Length: > 0 } text)
            {
                parts.Add(new Part { Text = text });
            }
        }

        return parts;
    }

    private static List<Part> AssistantParts(
        ChatMessage message, TranslationContext ctx, bool claudeThinking, Dictionary<string, string> callNames)
    {
        var route = ctx.Route;
        var parts = new List<Part>();
        var calls = message.ToolCalls ?? [];
        var remembered = calls.Count > 0 ? ctx.Thinking.Find(calls[0].Id!) : null;
        if (claudeThinking && remembered is { Family: ModelFamily.Claude })
        {
            parts.Add(new Part { Thought = true, Text = remembered.Text, ThoughtSignature = remembered.Signature });
        }

        var text = string.Concat(Texts(message.Content));
        if (text.Length > 0)
        {
            parts.Add(new Part { Text = text });
        }

        for (var j = 0; j < calls.Count; j++)
        {
            var call = calls[j];
            var args = call.Function!.ParsedArguments;
            if (args is null && !TryParseArguments(call.Function.Arguments, out args))
            {
                throw new ArgumentException($"Tool call '{call.Id}' has invalid arguments; call Validate first.", nameof(message));
            }

            callNames[call.Id!] = call.Function.Name!;
            string? signature = null;
            if (j == 0 && route.Family == ModelFamily.Gemini)
            {
                signature = remembered is { Family: ModelFamily.Gemini } ? remembered.Signature
                    : route.Gemini3 ? ThinkingRules.SkipSignatureSentinel
                    : null;
            }

            parts.Add(new Part
            {
                FunctionCall = new FunctionCall
                {
                    Name = call.Function.Name!,
                    Args = args,
                    Id = route.Family == ModelFamily.Claude ? call.Id : null,
                },
                ThoughtSignature = signature,
            });
        }

        return parts;
    }

    private static void Append(List<Content> contents, string role, List<Part> parts)
    {
        if (parts.Count == 0)
        {
            return;
        }

        if (contents.Count > 0 && contents[^1].Role == role)
        {
            contents[^1].Parts.AddRange(parts);
        }
        else
        {
            contents.Add(new Content { Role = role, Parts = parts });
        }
    }

    /// <summary>The texts of a string or parts content (text and refusal parts).</summary>
    private static IEnumerable<string> Texts(JsonNode? content)
    {
        if (content is JsonValue value)
        {
            yield return value.GetValue<string>();
            yield break;
        }

        foreach (var part in content as JsonArray ?? [])
        {
            var type = part!["type"]!.GetValue<string>();
            if (type is "text" or "refusal")
            {
                yield return part[type]!.GetValue<string>();
            }
        }
    }

    /// <summary>
    /// The request's web search: <c>web_search_options</c> or a <c>web_search</c> tool. Alone it is the upstream's
    /// googleSearch (native); next to function tools the gateway's search function (split).
    /// </summary>
    public static WebSearchPlan WebSearch(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asked = request.Extra?.ContainsKey("web_search_options") == true || request.Tools?.Exists(IsWebSearchTool) == true;
        if (!asked)
        {
            return WebSearchPlan.None;
        }

        var functions = (request.Tools ?? []).Where(t => !IsWebSearchTool(t)).Select(t => t.Function!.Name!).ToList();
        return functions.Count == 0 ? new WebSearchPlan(WebSearchMode.Native) : new WebSearchPlan(WebSearchMode.Split, WebSearchFunction.UniqueName(functions));
    }

    internal static bool IsWebSearchTool(ChatTool tool) => tool.Type is "web_search" or "web_search_preview";

    private static (List<Tool>? Tools, ToolConfig? Config) Tools(ChatCompletionRequest request, ModelRoute route)
    {
        var none = request.ToolChoice is JsonValue n && n.TryGetValue<string>(out var mode) && mode == "none";
        var search = WebSearch(request);
        if (search.Mode == WebSearchMode.Native)
        {
            return none ? (null, null) : ([new Tool { GoogleSearch = [] }], null);
        }

        var functions = (request.Tools ?? []).Where(t => !IsWebSearchTool(t)).ToList();
        if (functions.Count == 0)
        {
            return (null, null);
        }

        var declarations = functions.Select(t => new FunctionDeclaration
        {
            Name = t.Function!.Name!,
            Description = t.Function.Description,
            Parameters = ToolSchemas.ForUpstream(t.Function.Parameters ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() }, route),
        }).ToList();
        if (search.Mode == WebSearchMode.Split)
        {
            declarations.Add(WebSearchFunction.Declaration(search.FunctionName));
        }

        var auto = route.Family == ModelFamily.Claude ? "VALIDATED" : "AUTO";
        var config = request.ToolChoice switch
        {
            JsonValue v when v.GetValue<string>() == "none" => new FunctionCallingConfig { Mode = "NONE" },
            JsonValue v when v.GetValue<string>() == "required" => new FunctionCallingConfig { Mode = "ANY" },
            JsonObject o => new FunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [o["function"]!["name"]!.GetValue<string>()] },
            _ => new FunctionCallingConfig { Mode = auto },
        };

        return ([new Tool { FunctionDeclarations = declarations }], new ToolConfig { FunctionCallingConfig = config });
    }

    private static GenerationConfig? Generation(ChatCompletionRequest request, ModelRoute route, ThinkingAsk ask)
    {
        var (thinking, maxOutput) = ThinkingRules.Plan(route, ask, request.MaxCompletionTokens ?? request.MaxTokens);
        var (mime, schema) = request.ResponseFormat switch
        {
            { Type: "json_object" } => ("application/json", null),
            { Type: "json_schema", JsonSchema.Schema: { } s } => ("application/json", ToolSchemas.ForUpstream(s, route)),
            _ => ((string?)null, (JsonNode?)null),
        };

        var config = new GenerationConfig
        {
            MaxOutputTokens = maxOutput,
            Temperature = request.Temperature,
            TopP = request.TopP,
            StopSequences = request.Stop switch
            {
                JsonArray a => a.Select(s => s!.GetValue<string>()).ToList(),
                JsonValue v => [v.GetValue<string>()],
                _ => null,
            },
            Seed = request.Seed,
            PresencePenalty = request.PresencePenalty,
            FrequencyPenalty = request.FrequencyPenalty,
            ResponseMimeType = mime,
            ResponseSchema = schema,
            ResponseModalities = route.ImageGeneration ? ["TEXT", "IMAGE"] : null,
            ThinkingConfig = thinking,
        };
        return config == new GenerationConfig() ? null : config;
    }

    private static string MimeFromUrl(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".heic" => "image/heic",
            ".pdf" => "application/pdf",
            _ => "image/jpeg",
        };
    }
}
