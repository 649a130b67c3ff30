using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

/// <summary>
/// Public Gemini API ↔ the upstream. Nearly 1:1 (the upstream speaks this dialect); the route (from the path's
/// <c>models/{model}</c>) decides the model-family transforms:
/// <list type="bullet">
/// <item>Claude routes: tool and response schemas cleaned with <see cref="ToolSchemas.ForUpstream"/>; thinking by
/// budget (<see cref="ThinkingRules"/>); mode AUTO (or none given) becomes VALIDATED; a thinking block streamed as
/// several thought parts and sent back as those parts is joined into one part (<see cref="ThinkingBlocks.Join"/>), and
/// a block with no signature is dropped (the upstream rejects it); a model turn with function calls but no leading
/// thinking gets the signed thinking remembered under its first call (id, or name + args hash); a functionResponse
/// without an id takes the id of the matching earlier call (by name, in order). A tool-call turn still without
/// thinking is left to conversation repair.</item>
/// <item>Gemini 3 routes: thinkingLevel (a budget is mapped to a level; Pro only low/high); the first function call of
/// each model turn after the last user text gets a signature (the client's, a remembered one, or the skip sentinel).
/// Gemini 2.5: thinkingBudget.</item>
/// <item>googleSearch / googleSearchRetrieval / urlContext together with function declarations: the functions are
/// kept and the search tools dropped (the upstream rejects the mix). googleSearchRetrieval becomes googleSearch.
/// All declarations are sent in one tool entry.</item>
/// <item>Image routes: responseModalities TEXT+IMAGE (unless the client chose), no tools, no toolConfig, no thinking.</item>
/// <item>Roles: a missing role is <c>user</c>; the legacy <c>function</c> role is <c>user</c>.</item>
/// </list>
/// </summary>
internal static partial class GeminiTranslator
{
    public static UpstreamEnvelope ToUpstream(GenerateContentRequest request, TranslationContext ctx)
    {
        var route = ctx.Route;
        var claude = route.Family == ModelFamily.Claude;
        var contents = request.Contents!.Select(c => new Content
        {
            Role = c.Role is "model" ? "model" : "user",
            Parts = [.. c.Parts],
        }).ToList();

        var client = request.GenerationConfig;
        var ask = client?.ThinkingConfig is { } t
            ? new ThinkingAsk(t.ThinkingLevel?.ToLowerInvariant(), t.ThinkingBudget, t.IncludeThoughts)
            : ThinkingAsk.None;

        if (claude)
        {
            contents = PrepareClaude(contents, ctx);

            // A Claude -thinking model thinks whatever thinkingConfig says: its history keeps its signed thinking.
            if (!ThinkingRules.CanThink(route))
            {
                contents = contents.Select(c => c with { Parts = c.Parts.Where(p => p.Thought != true).ToList() }).ToList();
            }
        }
        else if (route.Family == ModelFamily.Gemini)
        {
            contents = SignGeminiCalls(contents, ctx);
        }

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
                SystemInstruction = request.SystemInstruction is { } system
                    ? system with { Role = system.Role ?? "user", Parts = [.. system.Parts] }
                    : null,
                Tools = tools,
                ToolConfig = toolConfig,
                GenerationConfig = Generation(client, route, ask),
                SafetySettings = request.SafetySettings,
                SessionId = ctx.SessionId,
                CachedContent = request.CachedContent,
            },
        };
    }

    /// <summary>countTokens → the upstream's <c>{request:{contents, systemInstruction?, tools?}}</c>.</summary>
    public static CountTokensEnvelope CountTokensToUpstream(CountTokensRequest request, TranslationContext ctx)
    {
        var inner = request.GenerateContentRequest ?? new GenerateContentRequest { Contents = request.Contents };
        var full = ToUpstream(inner with { GenerationConfig = null, SafetySettings = null }, ctx).Request;
        return new CountTokensEnvelope
        {
            Request = new UpstreamRequest { Contents = full.Contents, SystemInstruction = full.SystemInstruction, Tools = full.Tools },
        };
    }

    /// <summary>The key signed thinking is remembered under (<see cref="ThinkingMemory.CallKey"/>).</summary>
    internal static string CallKey(FunctionCall call) => ThinkingMemory.CallKey(call);

    private static List<Content> PrepareClaude(List<Content> contents, TranslationContext ctx)
    {
        var pendingIds = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        var result = new List<Content>(contents.Count);
        foreach (var content in contents)
        {
            // A block streamed as several thought parts goes back as one (its signature covers the whole text);
            // a block with no signature at all cannot be sent.
            var parts = content.Role == "model" ? ThinkingBlocks.Join(content.Parts) : content.Parts;
            parts = parts.Where(p => p.Thought != true || !string.IsNullOrEmpty(p.ThoughtSignature)).ToList();
            if (content.Role == "model")
            {
                var firstCall = parts.FirstOrDefault(p => p.FunctionCall is not null)?.FunctionCall;
                if (firstCall is not null && parts is not [{ Thought: true }, ..]
                    && ctx.Thinking.Find(CallKey(firstCall)) is { Family: ModelFamily.Claude } remembered)
                {
                    parts.Insert(0, new Part { Thought = true, Text = remembered.Text, ThoughtSignature = remembered.Signature });
                }

                foreach (var call in parts.Select(p => p.FunctionCall).OfType<FunctionCall>().Where(c => !string.IsNullOrEmpty(c.Id)))
                {
                    if (!pendingIds.TryGetValue(call.Name, out var queue))
                    {
                        pendingIds[call.Name] = queue = new Queue<string>();
                    }

                    queue.Enqueue(call.Id!);
                }
            }
            else
            {
                parts = parts.Select(p => p.FunctionResponse is { Id: null or "" } response
                        && pendingIds.TryGetValue(response.Name, out var queue) && queue.TryDequeue(out var id)
                    ? p with { FunctionResponse = response with { Id = id } }
                    : p).ToList();
            }

            if (parts.Count > 0)
            {
                result.Add(content with { Parts = parts });
            }
        }

        return result;
    }

    private static int LastUserText(List<Content> contents) =>
        contents.FindLastIndex(c => c.Role == "user" && c.Parts.Any(p => p.Thought != true && !string.IsNullOrEmpty(p.Text)));

    private static List<Content> SignGeminiCalls(List<Content> contents, TranslationContext ctx)
    {
        var floor = LastUserText(contents);
        return contents.Select((content, i) =>
        {
            var index = content.Parts.FindIndex(p => p.FunctionCall is not null);
            if (content.Role != "model" || index < 0 || !string.IsNullOrEmpty(content.Parts[index].ThoughtSignature))
            {
                return content;
            }

            var remembered = ctx.Thinking.Find(CallKey(content.Parts[index].FunctionCall!));
            var signature = remembered is { Family: ModelFamily.Gemini } ? remembered.Signature
                : ctx.Route.Gemini3 && i > floor ? ThinkingRules.SkipSignatureSentinel
                : null;
            if (signature is null)
            {
                return content;
            }

            var parts = content.Parts.ToList();
            parts[index] = parts[index] with { ThoughtSignature = signature };
            return content with { Parts = parts };
        }).ToList();
    }

    private static (List<Tool>? Tools, ToolConfig? Config) Tools(GenerateContentRequest request, ModelRoute route)
    {
        var clientTools = request.Tools?.Where(t => t is not null).ToList() ?? [];
        var declarations = clientTools
            .SelectMany(t => t.FunctionDeclarations ?? [])
            .Select(d => new FunctionDeclaration
            {
                Name = d.Name!,
                Description = d.Description,
                Parameters = (d.Parameters ?? d.ParametersJsonSchema) is { } schema ? ToolSchemas.ForUpstream(schema, route)
                    : route.Family == ModelFamily.Claude ? ToolSchemas.ForUpstream(new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() }, route)
                    : null,
            })
            .ToList();

        var tools = new List<Tool>();
        if (declarations.Count > 0)
        {
            tools.Add(new Tool { FunctionDeclarations = declarations });
        }
        else
        {
            if (clientTools.FirstOrDefault(t => t.GoogleSearch is not null || t.GoogleSearchRetrieval is not null) is not null)
            {
                tools.Add(new Tool { GoogleSearch = [] });
            }

            if (clientTools.FirstOrDefault(t => t.UrlContext is not null) is { } url)
            {
                tools.Add(new Tool { UrlContext = (JsonObject)url.UrlContext!.DeepClone() });
            }
        }

        if (clientTools.FirstOrDefault(t => t.CodeExecution is not null) is { } code)
        {
            tools.Add(new Tool { CodeExecution = (JsonObject)code.CodeExecution!.DeepClone() });
        }

        var config = request.ToolConfig;
        if (route.Family == ModelFamily.Claude && declarations.Count > 0
            && config?.FunctionCallingConfig?.Mode is null or "AUTO" or "MODE_UNSPECIFIED")
        {
            config = new ToolConfig
            {
                FunctionCallingConfig = (config?.FunctionCallingConfig ?? new FunctionCallingConfig()) with { Mode = "VALIDATED" },
            };
        }

        return (tools.Count > 0 ? tools : null, tools.Count > 0 ? config : null);
    }

    private static GenerationConfig? Generation(GenerationConfig? client, ModelRoute route, ThinkingAsk ask)
    {
        var (thinking, maxOutput) = ThinkingRules.Plan(route, ask, client?.MaxOutputTokens);
        var claude = route.Family == ModelFamily.Claude;
        var config = (client ?? new GenerationConfig()) with
        {
            MaxOutputTokens = maxOutput,
            ResponseSchema = claude
                ? (client?.ResponseSchema ?? client?.ResponseJsonSchema) is { } responseSchema ? ToolSchemas.ForUpstream(responseSchema, route) : null
                : client?.ResponseSchema?.DeepClone(),
            ResponseJsonSchema = claude ? null : client?.ResponseJsonSchema?.DeepClone(),
            ResponseModalities = route.ImageGeneration ? client?.ResponseModalities ?? ["TEXT", "IMAGE"] : client?.ResponseModalities,
            ThinkingConfig = thinking,
        };
        return config == new GenerationConfig() ? null : config;
    }
}
