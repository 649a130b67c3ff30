namespace Switchyard.Scheduling;

/// <summary>One account pick for one attempt of a client request.</summary>
/// <param name="SessionKey">From <see cref="SessionKeys.Derive"/>; null for no binding.</param>
/// <param name="Group">Model group (claude, gemini-pro, gemini-flash, …).</param>
/// <param name="Pool">Quota pool (antigravity, gemini-cli).</param>
/// <param name="Tried">Accounts this request already used and left: never picked again by a strategy.</param>
/// <param name="ForceRotate">Skip the session binding (the previous account was rate-limited); the session rebinds.</param>
/// <param name="OffsetHint">An offset the client asked for (a header), for spreading parallel agents.</param>
/// <param name="AlreadyWaited">Time this request already spent waiting; waits stop at MaxWaitSeconds in total.</param>
/// <param name="FallbackPool">Another pool to use when no account is free in <paramref name="Pool"/> (gemini-cli for Gemini).</param>
/// <param name="WindowKeys">
/// The quota windows the model spends in the antigravity pool (<c>gemini-5h</c>, <c>gemini-weekly</c>…): each must be free
/// as well as the group, unless the account serves on credits.
/// </param>
/// <param name="Background">Background work (no conversation behind it): kept off accounts down to their interactive reserve.</param>
internal sealed record SchedulingRequest(
    string? SessionKey,
    string Group,
    string Pool,
    IReadOnlySet<string>? Tried = null,
    bool ForceRotate = false,
    int? OffsetHint = null,
    TimeSpan AlreadyWaited = default,
    string? FallbackPool = null,
    IReadOnlyList<string>? WindowKeys = null,
    bool Background = false);
