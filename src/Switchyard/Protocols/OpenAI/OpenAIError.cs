using System.Text.Json.Serialization;

namespace Switchyard.Protocols.OpenAI;

/// <summary>An error to render as <c>{error:{message, type, param, code}}</c> with <see cref="Status"/>.</summary>
internal sealed record OpenAIError(int Status, string Type, string Message, string? Param = null, string? Code = null);

/// <summary>The OpenAI error envelope on the wire.</summary>
internal sealed record OpenAIErrorEnvelope(OpenAIErrorBody Error);

internal sealed record OpenAIErrorBody
{
    public required string Message { get; init; }
    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; init; }
}
