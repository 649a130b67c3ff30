using System.Text.Json.Serialization;
using Switchyard.Models;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// What a reasoning item's <c>encrypted_content</c> carries, sealed by <see cref="ReasoningSealer"/>: the family that
/// signed it, the upstream's signature, the thinking text it signs (Claude only: the upstream checks text and
/// signature together) and, for Gemini, the call id of the function call the signature rode on.
/// </summary>
/// <param name="Family"><c>claude</c> or <c>gemini</c>.</param>
/// <param name="Signature">The upstream's thoughtSignature.</param>
/// <param name="Text">Claude: the signed thinking text.</param>
/// <param name="CallId">Gemini: the call the signature belongs on.</param>
internal sealed record SealedReasoning(
    [property: JsonPropertyName("f")] string Family,
    [property: JsonPropertyName("s")] string Signature,
    [property: JsonPropertyName("t")] string? Text = null,
    [property: JsonPropertyName("c")] string? CallId = null)
{
    public const string Claude = "claude";
    public const string Gemini = "gemini";

    public bool IsFamily(ModelFamily family) => family switch
    {
        ModelFamily.Claude => Family == Claude,
        ModelFamily.Gemini => Family == Gemini,
        _ => false,
    };
}
