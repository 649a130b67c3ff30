using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

internal static partial class GeminiTranslator
{
    /// <summary>
    /// The upstream's <c>response</c>, unwrapped, as the public GenerateContentResponse (candidates,
    /// usageMetadata, responseId, and fields passed through), with <c>modelVersion</c> set to the name the client
    /// asked for.
    /// </summary>
    public static GenerateContentResponse FromUpstream(UpstreamResponseEnvelope response, TranslationContext ctx)
    {
        new GeminiThinkingRecorder(ctx).Observe(response.Response);
        return Unwrap(response, ctx);
    }

    public static GeminiCountTokensResponse CountTokensFromUpstream(CountTokensResponse response) => new(response.TotalTokens);

    public static string ToJson(GenerateContentResponse response) =>
        GeminiJsonContext.Write(response);

    public static string ToJson(GeminiCountTokensResponse response) =>
        GeminiJsonContext.Write(response);

    private static GenerateContentResponse Unwrap(UpstreamResponseEnvelope response, TranslationContext ctx) =>
        (response.Response ?? new GenerateContentResponse()) with { ModelVersion = ctx.Route.RequestedModel };
}
