namespace Switchyard.Emulator.Faults;

/// <summary>The action types of spec §8.4.</summary>
internal static class FaultActionTypes
{
    public const string RateLimit = "rateLimit";
    public const string QuotaExhausted = "quotaExhausted";
    public const string Capacity = "capacity";
    public const string GenericExhausted = "genericExhausted";
    public const string Http = "http";
    public const string BadRequest = "badRequest";
    public const string Raw = "raw";
    public const string ErrorArray = "errorArray";
    public const string EmptyResponse = "emptyResponse";
    public const string NetworkReset = "networkReset";

    /// <summary>A 200 whose completion is a notice (version floor, retired model; upstream-2026 §4.1, §6.3).</summary>
    public const string Notice = "notice";

    /// <summary>Shaping: other code reads it from <c>CloudCodeCall.ShapingFault</c>.</summary>
    public const string Delay = "delay";

    /// <summary>Shaping: stream modes (empty200, disconnect, truncate…).</summary>
    public const string Stream = "stream";

    /// <summary>Shaping: an empty or cut non-streaming body (<c>Generation/BodyShaping</c> modes).</summary>
    public const string Body = "body";

    /// <summary>Shaping: onboardUser pending polls.</summary>
    public const string Onboard = "onboard";

    /// <summary>Shaping: loadCodeAssist variants.</summary>
    public const string LoadCodeAssist = "loadCodeAssist";

    /// <summary>Read by the OAuth token endpoint.</summary>
    public const string OAuth = "oauth";

    /// <summary>Read by the OAuth userinfo endpoint.</summary>
    public const string UserInfo = "userinfo";

    public static readonly string[] All =
    [
        RateLimit, QuotaExhausted, Capacity, GenericExhausted, Http, BadRequest, Raw, ErrorArray, EmptyResponse,
        NetworkReset, Notice, Delay, Stream, Body, Onboard, LoadCodeAssist, OAuth, UserInfo,
    ];

    /// <summary>Types whose reply is a Google JSON error, so <c>errorArray</c> can wrap them.</summary>
    public static readonly string[] JsonErrors = [RateLimit, QuotaExhausted, Capacity, GenericExhausted, Http, BadRequest];
}
