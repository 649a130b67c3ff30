namespace Switchyard.Protocols.Responses;

/// <summary>
/// What the Responses translation needs from the gateway beyond the request: the sealer for reasoning round trips, and
/// whether responses are stored (for <c>store: true</c> and <c>previous_response_id</c>; until a store exists both
/// are refused with a 400).
/// </summary>
internal sealed record ResponsesOptions(ReasoningSealer Sealer, bool StoreEnabled = false);
