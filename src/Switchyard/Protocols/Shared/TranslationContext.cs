using Switchyard.Models;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// Everything a translator needs beyond the client's request: the resolved model, the envelope ids and the
/// thinking memory. Translators are static and take no HttpContext, DI or clock; this is their only context.
/// </summary>
/// <param name="Route">The resolved model.</param>
/// <param name="Project">The account's managed project id.</param>
/// <param name="RequestId">Sent as the envelope's requestId.</param>
/// <param name="Thinking">Signed thinking remembered from earlier responses, for multi-turn tool loops.</param>
/// <param name="KeepThinking">Send history thinking as is instead of the default upstream-safe handling.</param>
/// <param name="SessionId">The conversation's session key, sent as request.sessionId when set.</param>
internal sealed record TranslationContext(
    ModelRoute Route,
    string Project,
    string RequestId,
    ThinkingMemory Thinking,
    bool KeepThinking = false,
    string? SessionId = null);
