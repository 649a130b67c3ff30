namespace Switchyard.Dispatch;

/// <summary>The response headers that make a trip's decisions visible, and the request header that steers one.</summary>
internal static class DispatchHeaders
{
    /// <summary>The upstream model id the request was sent as.</summary>
    public const string MappedModel = "X-Mapped-Model";

    /// <summary>The account that served (or last tried) the request.</summary>
    public const string AccountEmail = "X-Account-Email";

    /// <summary>Strategy, reason, attempts and pool, compact.</summary>
    public const string Decision = "X-Switchyard-Decision";

    /// <summary>The conversation repairs made, by kind.</summary>
    public const string Repairs = "X-Switchyard-Repairs";

    /// <summary>Request header: start a new session at this offset in the pool.</summary>
    public const string SessionOffset = "X-Switchyard-Session-Offset";
}
