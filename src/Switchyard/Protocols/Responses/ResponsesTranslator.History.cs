using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Responses;

internal static partial class ResponsesTranslator
{
    /// <summary>The input items as upstream contents and system parts, with thinking restored or turned off (see the class remarks).</summary>
    private sealed class History
    {
        public List<Content> Contents { get; } = [];
        public List<Part> System { get; } = [];

        /// <summary>False when thinking must be off for this request (Claude: the open loop's last model turn has no signed thinking).</summary>
        public bool ThinkingOn { get; private set; } = true;

        public static History Build(ResponsesRequest request, TranslationContext ctx)
        {
            var route = ctx.Route;
            var claude = route.Family == ModelFamily.Claude;
            var claudeThinking = claude && ThinkingRules.CanThink(route) && request.Reasoning?.Effort != "none";
            var tools = request.ToolMap!;
            var history = new History();
            if (!string.IsNullOrEmpty(request.Instructions))
            {
                history.System.Add(new Part { Text = request.Instructions });
            }

            var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
            var geminiSignatures = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in request.Input ?? [])
            {
                switch (item.Type)
                {
                    case "message" when item.Role is "system" or "developer":
                        history.System.AddRange((item.Content ?? []).Where(p => !string.IsNullOrEmpty(p.Text)).Select(p => new Part { Text = p.Text }));
                        break;
                    case "message" when item.Role == "user":
                        history.Append("user", UserParts(item.Content));
                        break;
                    case "message":
                        var text = JoinText(item.Content);
                        history.Append("model", text.Length > 0 ? [new Part { Text = text }] : []);
                        break;
                    case "reasoning" when item.Sealed is { } sealedReasoning:
                        if (claudeThinking && sealedReasoning.IsFamily(ModelFamily.Claude))
                        {
                            history.Append("model", [new Part { Thought = true, Text = sealedReasoning.Text ?? "", ThoughtSignature = sealedReasoning.Signature }]);
                        }
                        else if (route.Family == ModelFamily.Gemini && sealedReasoning.IsFamily(ModelFamily.Gemini) && sealedReasoning.CallId is { } target)
                        {
                            geminiSignatures[target] = sealedReasoning.Signature;
                        }

                        break;
                    case "function_call" or "custom_tool_call":
                        var name = tools.UpstreamNameFor(item.Namespace, item.Name!);
                        callNames[item.CallId!] = name;
                        var args = item.Type == "function_call" ? item.ParsedArguments ?? [] : new JsonObject { ["input"] = item.Input ?? "" };
                        history.Append("model", [new Part { FunctionCall = new FunctionCall { Name = name, Args = args, Id = item.CallId } }]);
                        break;
                    case "function_call_output" or "custom_tool_call_output":
                        var response = new Part
                        {
                            FunctionResponse = new FunctionResponse
                            {
                                Name = callNames[item.CallId!],
                                Id = claude ? item.CallId : null,
                                Response = new JsonObject { ["content"] = string.Concat((item.Output ?? []).Select(p => p.Text ?? p.Refusal)) },
                            },
                        };
                        history.Append("user", [response, .. (item.Output ?? []).Select(MediaPart).OfType<Part>()]);
                        break;
                    case "image_generation_call" when route.ImageGeneration && !string.IsNullOrEmpty(item.Result):
                        history.Append("model", [new Part { InlineData = new Blob { MimeType = "image/png", Data = item.Result } }]);
                        break;
                }
            }

            history.Sign(ctx, geminiSignatures);
            if (claudeThinking)
            {
                history.SettleClaudeThinking(ctx.KeepThinking);
            }

            if (!claude)
            {
                foreach (var part in history.Contents.SelectMany(c => c.Parts).Where(p => p.FunctionCall?.Id is not null))
                {
                    part.FunctionCall = part.FunctionCall! with { Id = null };
                }
            }

            return history;
        }

        private static List<Part> UserParts(List<ResponseContentPart>? content)
        {
            var parts = new List<Part>();
            foreach (var part in content ?? [])
            {
                if (MediaPart(part) is { } media)
                {
                    parts.Add(media);
                }
                else if (!string.IsNullOrEmpty(part.Text))
                {
                    parts.Add(new Part { Text = part.Text });
                }
            }

            return parts;
        }

        private void Append(string role, List<Part> parts)
        {
            if (parts.Count == 0)
            {
                return;
            }

            if (Contents.Count > 0 && Contents[^1].Role == role)
            {
                Contents[^1].Parts.AddRange(parts);
            }
            else
            {
                Contents.Add(new Content { Role = role, Parts = parts });
            }
        }

        /// <summary>
        /// Gemini: each model turn's calls get their sealed signature, the first call falls back to remembered thinking and
        /// then (Gemini 3) the skip sentinel. Claude thinking: a model turn with calls and no thought gets the thinking
        /// remembered under its first call id.
        /// </summary>
        private void Sign(TranslationContext ctx, Dictionary<string, string> geminiSignatures)
        {
            var route = ctx.Route;
            foreach (var content in Contents.Where(c => c.Role == "model"))
            {
                var calls = content.Parts.Where(p => p.FunctionCall is not null).ToList();
                if (calls.Count == 0)
                {
                    continue;
                }

                var firstId = calls[0].FunctionCall!.Id!;
                if (route.Family == ModelFamily.Gemini)
                {
                    foreach (var call in calls)
                    {
                        call.ThoughtSignature = geminiSignatures.GetValueOrDefault(call.FunctionCall!.Id!);
                    }

                    calls[0].ThoughtSignature ??= ctx.Thinking.Find(firstId) is { Family: ModelFamily.Gemini } remembered ? remembered.Signature
                        : route.Gemini3 ? ThinkingRules.SkipSignatureSentinel
                        : null;
                }
                else if (route.Family == ModelFamily.Claude && ThinkingRules.CanThink(route)
                    && !content.Parts.Any(p => p.Thought == true) && ctx.Thinking.Find(firstId) is { Family: ModelFamily.Claude } thinking)
                {
                    content.Parts.Insert(0, new Part { Thought = true, Text = thinking.Text, ThoughtSignature = thinking.Signature });
                }
            }
        }

        /// <summary>
        /// Keeps signed thinking only in the open tool loop's model turns (all turns with <paramref name="keepAll"/>), and turns
        /// thinking off, dropping every thought, when the loop's final model turn does not start with one.
        /// </summary>
        private void SettleClaudeThinking(bool keepAll)
        {
            var floor = Contents.FindLastIndex(c => c.Role == "user" && c.Parts.Any(p => !string.IsNullOrEmpty(p.Text)));
            var final = Contents.FindLastIndex(c => c.Role == "model");
            ThinkingOn = final <= floor || Contents[final].Parts is [{ Thought: true }, ..];
            for (var i = 0; i < Contents.Count; i++)
            {
                if (Contents[i].Role == "model" && (!ThinkingOn || (i < floor && !keepAll)))
                {
                    Contents[i].Parts.RemoveAll(p => p.Thought == true);
                }
            }

            Contents.RemoveAll(c => c.Parts.Count == 0);
            for (var i = Contents.Count - 1; i > 0; i--)
            {
                if (Contents[i].Role == Contents[i - 1].Role)
                {
                    Contents[i - 1].Parts.AddRange(Contents[i].Parts);
                    Contents.RemoveAt(i);
                }
            }
        }
    }
}
