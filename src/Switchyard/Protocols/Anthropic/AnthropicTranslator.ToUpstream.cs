using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Anthropic;

/// <summary>
/// Anthropic Messages → the upstream envelope.
/// <para><b>Thinking history</b> (Claude). A <c>-thinking</c> model thinks whatever the request says (a strict
/// upstream applies the thinking rules by model id), so its history keeps every thinking block the client sends with
/// a real-looking signature (≥ 50 chars), with the signature the upstream issued for that text when it is known
/// (ThinkingMemory by text hash), and a tool-call turn whose client dropped its thinking gets the remembered block
/// first (by text, else by the turn's first tool_use id). Conversation repair (Recovery) then makes the history
/// acceptable to every reading of the rules. A model that does not think drops history thinking unless
/// <see cref="TranslationContext.KeepThinking"/>. redacted_thinking has no upstream form and is always dropped.</para>
/// <para><b>tool_result</b> becomes <c>functionResponse {name, id, response}</c> where response is
/// <c>{"output": text}</c>, or <c>{"error": text}</c> when <c>is_error</c> is true; text blocks are joined
/// with newlines, and images in the result follow as inlineData parts of the same user turn.</para>
/// </summary>
internal static partial class AnthropicTranslator
{
    private const string UnknownToolName = "unknown_tool";

    public static UpstreamEnvelope ToUpstream(MessagesRequest request, TranslationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ctx);
        var route = ctx.Route;

        var turns = GroupTurns(request.Messages ?? []);
        var toolNames = ToolNamesById(turns);
        var plan = PlanThinking(request, route);

        // A Claude -thinking model thinks whatever the request says, so its history keeps its signed thinking.
        var sendThoughts = route.Family == ModelFamily.Claude && (plan.Enabled || route.Thinking);
        var contents = new List<Content>(turns.Count);
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            var parts = turn.Role == "model"
                ? ModelParts(turn.Blocks, ctx, sendThoughts, sendThoughts || ctx.KeepThinking)
                : UserParts(turn.Blocks, toolNames);
            if (parts.Count > 0)
            {
                contents.Add(new Content { Role = turn.Role, Parts = parts });
            }
        }

        var search = WebSearch(request);
        var tools = route.ImageGeneration ? null : Tools(request, route, search);
        var upstreamRequest = new UpstreamRequest
        {
            Contents = MergeSameRole(contents),
            SystemInstruction = SystemInstruction(request),
            Tools = tools,
            GenerationConfig = GenerationConfig(request, route, plan),
            SessionId = ctx.SessionId,
        };
        if (tools is not null && !UpstreamRequestTypes.HasSearch(tools))
        {
            upstreamRequest = upstreamRequest with { ToolConfig = ToolConfig(request, route, search) };
        }

        return new UpstreamEnvelope
        {
            Project = ctx.Project,
            Model = route.UpstreamModel,
            Request = upstreamRequest,
            RequestType = UpstreamRequestTypes.For(route, tools),
            UserAgent = "antigravity",
            RequestId = ctx.RequestId,
        };
    }

    /// <summary>A conversation turn after system entries are removed and same-role messages merged.</summary>
    private sealed record Turn(string Role, List<ContentBlock> Blocks);

    private static List<Turn> GroupTurns(List<AnthropicMessage> messages)
    {
        var turns = new List<Turn>();
        foreach (var message in messages)
        {
            var role = message.Role switch
            {
                "user" => "user",
                "assistant" => "model",
                _ => null,
            };
            if (role is null)
            {
                continue;
            }

            var blocks = message.Content ?? [];
            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1].Blocks.AddRange(blocks);
            }
            else
            {
                turns.Add(new Turn(role, [.. blocks]));
            }
        }

        return turns;
    }

    private static Dictionary<string, string> ToolNamesById(List<Turn> turns)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var turn in turns)
        {
            if (turn.Role != "model")
            {
                continue;
            }

            foreach (var block in turn.Blocks)
            {
                if (block is { Type: "tool_use", Id: { } id, Name: { } name })
                {
                    names[id] = name;
                }
            }
        }

        return names;
    }

    private static Part? RestoreLeadingThinking(List<ContentBlock> blocks, ThinkingMemory memory)
    {
        var first = blocks.Count > 0 && blocks[0].Type == "thinking" ? blocks[0] : null;
        if (first?.Thinking is { Length: > 0 } text
            && memory.SignatureFor(text) is { } known)
        {
            return ThoughtPart(text, known);
        }

        var firstToolUse = blocks.Find(b => b.Type == "tool_use")?.Id;
        if (firstToolUse is not null && memory.Find(firstToolUse) is { Family: ModelFamily.Claude } byTool
            && AnthropicThinking.IsRealSignature(byTool.Signature))
        {
            return ThoughtPart(byTool.Text, byTool.Signature);
        }

        if (first is { Thinking: { } clientText } && AnthropicThinking.IsRealSignature(first.Signature))
        {
            return ThoughtPart(clientText, first.Signature!);
        }

        return null;
    }

    private static Part ThoughtPart(string text, string signature) =>
        new() { Thought = true, Text = text, ThoughtSignature = signature };

    /// <param name="restore">Claude thinking: a tool-call turn whose client dropped its thinking gets the remembered block first.</param>
    /// <param name="keepSignedThinking">Thinking blocks with a real-looking signature are sent (else all are dropped).</param>
    private static List<Part> ModelParts(List<ContentBlock> blocks, TranslationContext ctx, bool restore, bool keepSignedThinking)
    {
        var parts = new List<Part>(blocks.Count + 1);
        var leadingThinking = restore && blocks.Exists(b => b.Type == "tool_use") ? RestoreLeadingThinking(blocks, ctx.Thinking) : null;
        if (leadingThinking is not null)
        {
            parts.Add(leadingThinking);
        }

        var signFirstCall = ctx.Route.Family == ModelFamily.Gemini && ctx.Route.Gemini3;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            switch (block.Type)
            {
                case "thinking":
                    var isLeading = i == 0 && leadingThinking is not null;
                    if (!isLeading && keepSignedThinking && block.Thinking is { } thinking)
                    {
                        var signature = ctx.Thinking.SignatureFor(thinking) ?? block.Signature;
                        if (AnthropicThinking.IsRealSignature(signature))
                        {
                            parts.Add(ThoughtPart(thinking, signature!));
                        }
                    }

                    break;
                case "tool_use":
                    var call = new FunctionCall { Name = block.Name!, Args = block.Input?.DeepClone() ?? new JsonObject(), Id = block.Id };
                    string? callSignature = null;
                    if (signFirstCall && !parts.Exists(p => p.FunctionCall is not null))
                    {
                        callSignature = ctx.Thinking.Find(block.Id!) is { Family: ModelFamily.Gemini } remembered
                            && AnthropicThinking.IsRealSignature(remembered.Signature)
                            ? remembered.Signature
                            : AnthropicThinking.SkipSignatureSentinel;
                    }

                    parts.Add(new Part { FunctionCall = call, ThoughtSignature = callSignature });
                    break;
                default:
                    AddCommonPart(block, parts);
                    break;
            }
        }

        return parts;
    }

    private static List<Content> MergeSameRole(List<Content> contents)
    {
        var merged = new List<Content>(contents.Count);
        foreach (var content in contents)
        {
            if (merged.Count > 0 && merged[^1].Role == content.Role)
            {
                merged[^1].Parts.AddRange(content.Parts);
            }
            else
            {
                merged.Add(content);
            }
        }

        return merged;
    }

    /// <summary>Top-level <c>system</c>, then every <c>role:"system"</c> message, in order; one part per text block.</summary>
    private static Content? SystemInstruction(MessagesRequest request)
    {
        var parts = new List<Part>();
        AddTexts(request.System, parts);
        foreach (var message in request.Messages ?? [])
        {
            if (message.Role == "system")
            {
                AddTexts(message.Content, parts);
            }
        }

        return parts.Count == 0 ? null : new Content { Role = "user", Parts = parts };

        static void AddTexts(List<ContentBlock>? blocks, List<Part> parts)
        {
            foreach (var block in blocks ?? [])
            {
                if (block.Type == "text" && !string.IsNullOrEmpty(block.Text))
                {
                    parts.Add(new Part { Text = block.Text });
                }
            }
        }
    }

    /// <summary>
    /// The request's web search: a server tool of type <c>web_search_*</c> (<c>web_search_20250305</c> and its successors).
    /// Alone it is the upstream's googleSearch (native); next to client tools the gateway's search function (split),
    /// with the tool's <c>max_uses</c>.
    /// </summary>
    public static WebSearchPlan WebSearch(MessagesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tools = request.Tools ?? [];
        if (tools.Find(IsWebSearchTool) is not { } search)
        {
            return WebSearchPlan.None;
        }

        var maxUses = search.Extra?.TryGetValue("max_uses", out var m) == true && m.ValueKind == System.Text.Json.JsonValueKind.Number && m.TryGetInt32(out var n) && n > 0 ? n : (int?)null;
        var clientTools = tools.Where(IsClientTool).Select(t => t.Name!).ToList();
        return clientTools.Count == 0
            ? new WebSearchPlan(WebSearchMode.Native, MaxUses: maxUses)
            : new WebSearchPlan(WebSearchMode.Split, WebSearchFunction.UniqueName(clientTools), maxUses);
    }

    private static bool IsWebSearchTool(AnthropicTool tool) => tool.Type?.StartsWith("web_search_", StringComparison.Ordinal) == true;

    private static bool IsClientTool(AnthropicTool tool) => tool.InputSchema is not null || tool.Type is null or "custom";

    /// <summary>
    /// Client tools become one functionDeclarations entry, plus the gateway's search function when web search comes with
    /// them; web search alone is the googleSearch tool. Other server tools (typed, schema-less) have no upstream form.
    /// </summary>
    private static List<Tool>? Tools(MessagesRequest request, ModelRoute route, WebSearchPlan search)
    {
        if (search.Mode == WebSearchMode.Native)
        {
            return request.ToolChoice?.Type == "none" ? null : [new Tool { GoogleSearch = [] }];
        }

        var declarations = (request.Tools ?? [])
            .Where(IsClientTool)
            .Select(t => new FunctionDeclaration
            {
                Name = t.Name!,
                Description = t.Description,
                Parameters = ToolSchemas.ForUpstream(t.InputSchema, route),
            })
            .ToList();
        if (search.Mode == WebSearchMode.Split)
        {
            declarations.Add(WebSearchFunction.Declaration(search.FunctionName));
        }

        return declarations.Count == 0 ? null : [new Tool { FunctionDeclarations = declarations }];
    }

    private static ToolConfig ToolConfig(MessagesRequest request, ModelRoute route, WebSearchPlan search)
    {
        var choice = request.ToolChoice;
        var auto = route.Family == ModelFamily.Claude ? "VALIDATED" : "AUTO";
        var searchChosen = search.Mode == WebSearchMode.Split && choice?.Type == "tool"
            && request.Tools?.Find(IsWebSearchTool) is { } tool && tool.Name == choice.Name;
        var config = choice?.Type switch
        {
            "any" => new FunctionCallingConfig { Mode = "ANY" },
            "tool" => new FunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [searchChosen ? search.FunctionName : choice.Name!] },
            "none" => new FunctionCallingConfig { Mode = "NONE" },
            _ => new FunctionCallingConfig { Mode = auto },
        };
        return new ToolConfig { FunctionCallingConfig = config };
    }
}
