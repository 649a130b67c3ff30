using System.Text.Json.Nodes;

namespace Switchyard.Protocols.Gemini;

/// <summary>An error to render as <c>{error:{code, message, status}}</c>; <see cref="Code"/> is the HTTP status.</summary>
internal sealed record GeminiError(int Code, string Status, string Message, JsonArray? Details = null);

/// <summary>The Google error envelope on the wire.</summary>
internal sealed record GeminiErrorEnvelope(GeminiErrorBody Error);

internal sealed record GeminiErrorBody(int Code, string Message, string Status, JsonArray? Details);
