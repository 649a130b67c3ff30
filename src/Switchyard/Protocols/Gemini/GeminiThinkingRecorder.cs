using System.Text;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

/// <summary>
/// Watches one reply's parts and remembers signed thinking under the turn's first function call
/// (<see cref="ThinkingMemory.CallKey"/>): for Claude the signed thinking block before it, for Gemini the
/// signature on the call. A later request whose client dropped them gets them back. One per response.
/// </summary>
internal sealed class GeminiThinkingRecorder(TranslationContext ctx)
{
    private readonly StringBuilder _block = new();
    private SignedThinking? _signed;
    private bool _sawCall;

    public void Observe(GenerateContentResponse? response)
    {
        foreach (var part in response?.Candidates?.FirstOrDefault()?.Content?.Parts ?? [])
        {
            if (part.Thought == true)
            {
                _block.Append(part.Text);
                Sign(part.ThoughtSignature);
            }
            else if (part.FunctionCall is { } call && !_sawCall)
            {
                _sawCall = true;
                var key = ThinkingMemory.CallKey(call);
                if (ctx.Route.Family == ModelFamily.Claude && _signed is not null)
                {
                    ctx.Thinking.Remember(key, _signed);
                }
                else if (ctx.Route.Family == ModelFamily.Gemini && !string.IsNullOrEmpty(part.ThoughtSignature))
                {
                    ctx.Thinking.Remember(key, new SignedThinking("", part.ThoughtSignature, ModelFamily.Gemini));
                }
            }
            else if (part.Text is "" && _block.Length > 0)
            {
                Sign(part.ThoughtSignature);
            }
        }
    }

    private void Sign(string? signature)
    {
        if (!string.IsNullOrEmpty(signature))
        {
            _signed = new SignedThinking(_block.ToString(), signature, ModelFamily.Claude);
            _block.Clear();
            if (ctx.Route.Family == ModelFamily.Claude && ThinkingMemory.LooksReal(signature))
            {
                ctx.Thinking.RememberClaude(null, _signed.Text, signature);
            }
        }
    }
}
