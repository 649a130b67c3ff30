using Switchyard.RateLimits;

namespace Switchyard.Tests.RateLimits;

/// <summary>Bodies are built from the texts of upstream-protocol §5.1–§5.5.</summary>
public sealed class UpstreamErrorClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> NoHeaders = new(StringComparer.OrdinalIgnoreCase);

    private const string ErrorInfo = "type.googleapis.com/google.rpc.ErrorInfo";
    private const string RetryInfo = "type.googleapis.com/google.rpc.RetryInfo";
    private const string QuotaMessage = "You have exhausted your capacity on this model. Your quota will reset after 2h13m5s.";
    private const string GenericMessage = "Resource has been exhausted (e.g. check quota).";

    internal static string Envelope(int code, string status, string message, params string[] details) =>
        $$$"""{"error":{"code":{{{code}}},"message":"{{{message}}}","status":"{{{status}}}","details":[{{{string.Join(",", details)}}}]}}""";

    internal static string Info(string reason, string metadata) =>
        $$$"""{"@type":"{{{ErrorInfo}}}","reason":"{{{reason}}}","domain":"cloudcode-pa.googleapis.com","metadata":""" + "{" + metadata + "}}";

    internal static string Retry(string delay) => $$$"""{"@type":"{{{RetryInfo}}}","retryDelay":"{{{delay}}}"}""";

    internal static string QuotaTemplate() => Envelope(429, "RESOURCE_EXHAUSTED", QuotaMessage,
        Info("QUOTA_EXHAUSTED", "\"uiMessage\":\"true\",\"model\":\"claude-opus-4-6-thinking\",\"quotaResetDelay\":\"2h13m5.12s\",\"quotaResetTimeStamp\":\"2026-07-01T12:13:05Z\""),
        Retry("7985.12s"));

    internal static string RateLimitTemplate(string delay = "1.5s") => Envelope(429, "RESOURCE_EXHAUSTED", GenericMessage,
        Info("RATE_LIMIT_EXCEEDED", "\"model\":\"gemini-3-flash\""), Retry(delay));

    internal static string CapacityTemplate(int code, string status) => Envelope(code, status, "No capacity available for model gemini-3-pro-high on the server",
        Info("MODEL_CAPACITY_EXHAUSTED", "\"model\":\"gemini-3-pro-high\""), Retry("40s"));

    internal static string GenericTemplate() => $$$"""{"error":{"code":429,"message":"{{{GenericMessage}}}","status":"RESOURCE_EXHAUSTED"}}""";

    private static UpstreamFailure Classify(int status, string? body, Dictionary<string, string>? headers = null) =>
        UpstreamErrorClassifier.Classify(status, headers ?? NoHeaders, body, Now);

    [Fact]
    public void Classify_QuotaExhaustedTemplate_QuotaWithRetryInfoDelay()
    {
        var f = Classify(429, QuotaTemplate());

        Assert.Equal(UpstreamFailureKind.QuotaExhausted, f.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7985.12), f.RetryDelay);
        Assert.Equal("RetryInfo.retryDelay", f.DelaySource);
        Assert.Equal("QUOTA_EXHAUSTED", f.Reason);
        Assert.Equal("claude-opus-4-6-thinking", f.Model);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 12, 13, 5, TimeSpan.Zero), f.ResetAt);
        Assert.True(f.NamesQuotaExhausted);
        Assert.Equal(QuotaMessage, f.Message);
    }

    [Fact]
    public void Classify_QuotaWithoutRetryInfo_UsesQuotaResetDelay()
    {
        var body = Envelope(429, "RESOURCE_EXHAUSTED", QuotaMessage, Info("QUOTA_EXHAUSTED", "\"quotaResetDelay\":\"9h22m20.91s\""));

        var f = Classify(429, body);

        Assert.Equal(UpstreamFailureKind.QuotaExhausted, f.Kind);
        Assert.Equal(TimeSpan.FromSeconds(33740.91), f.RetryDelay);
        Assert.Equal("quotaResetDelay", f.DelaySource);
    }

    [Fact]
    public void Classify_QuotaWithOnlyTimestamp_DelayUntilTimestamp()
    {
        var body = Envelope(429, "RESOURCE_EXHAUSTED", "quota", Info("QUOTA_EXHAUSTED", "\"quotaResetTimeStamp\":\"2026-07-01T10:30:00Z\""));

        var f = Classify(429, body);

        Assert.Equal(TimeSpan.FromMinutes(30), f.RetryDelay);
        Assert.Equal("quotaResetTimeStamp", f.DelaySource);
    }

    [Fact]
    public void Classify_QuotaMessageWithoutDetails_QuotaWithDelayFromText()
    {
        var body = $$$"""{"error":{"code":429,"message":"{{{QuotaMessage}}}","status":"RESOURCE_EXHAUSTED"}}""";

        var f = Classify(429, body);

        // The TS plugin reads "capacity" here and calls it transient; it is the quota template's text.
        Assert.Equal(UpstreamFailureKind.QuotaExhausted, f.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7985), f.RetryDelay);
        Assert.Equal("message", f.DelaySource);
    }

    [Fact]
    public void Classify_RateLimitTemplate_RateLimitedWithShortDelay()
    {
        var f = Classify(429, RateLimitTemplate());

        Assert.Equal(UpstreamFailureKind.RateLimited, f.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1.5), f.RetryDelay);
        Assert.Equal("gemini-3-flash", f.Model);
        Assert.False(f.NamesQuotaExhausted);
    }

    [Theory]
    [InlineData(429, "RESOURCE_EXHAUSTED")]
    [InlineData(503, "UNAVAILABLE")]
    public void Classify_CapacityTemplate_CapacityWithDelay(int code, string status)
    {
        var f = Classify(code, CapacityTemplate(code, status));

        Assert.Equal(UpstreamFailureKind.CapacityExhausted, f.Kind);
        Assert.Equal(TimeSpan.FromSeconds(40), f.RetryDelay);
    }

    [Fact]
    public void Classify_GenericTemplate_UnknownRateLimitWithoutDelay()
    {
        var f = Classify(429, GenericTemplate());

        Assert.Equal(UpstreamFailureKind.UnknownRateLimit, f.Kind);
        Assert.Null(f.RetryDelay);
        Assert.Null(f.Reason);
    }

    [Theory]
    [InlineData("Too many requests per minute for this model", nameof(UpstreamFailureKind.RateLimited))]
    [InlineData("The model is overloaded", nameof(UpstreamFailureKind.CapacityExhausted))]
    [InlineData("Daily quota exceeded: per day limit", nameof(UpstreamFailureKind.QuotaExhausted))]
    [InlineData("something odd", nameof(UpstreamFailureKind.UnknownRateLimit))]
    public void Classify_429TextWithoutReason_ClassifiedByText(string message, string expectedName)
    {
        var expected = Enum.Parse<UpstreamFailureKind>(expectedName);
        var body = $$$"""{"error":{"code":429,"message":"{{{message}}}","status":"RESOURCE_EXHAUSTED"}}""";

        Assert.Equal(expected, Classify(429, body).Kind);
    }

    [Fact]
    public void Classify_ErrorInfoAfterRetryInfo_StillRead()
    {
        var body = Envelope(429, "RESOURCE_EXHAUSTED", GenericMessage, Retry("3s"), Info("RATE_LIMIT_EXCEEDED", "\"model\":\"m\""));

        var f = Classify(429, body);

        Assert.Equal(UpstreamFailureKind.RateLimited, f.Kind);
        Assert.Equal(TimeSpan.FromSeconds(3), f.RetryDelay);
    }

    [Fact]
    public void Classify_TwoErrorInfos_PrefersTheFirst()
    {
        var body = Envelope(429, "RESOURCE_EXHAUSTED", GenericMessage, Info("QUOTA_EXHAUSTED", "\"model\":\"a\""), Info("RATE_LIMIT_EXCEEDED", "\"model\":\"b\""));

        Assert.Equal(UpstreamFailureKind.QuotaExhausted, Classify(429, body).Kind);
    }

    [Fact]
    public void Classify_ArrayBody_ReadsTheEnvelope()
    {
        var f = Classify(429, "[" + RateLimitTemplate("0.5s") + "]");

        Assert.Equal(UpstreamFailureKind.RateLimited, f.Kind);
        Assert.Equal(TimeSpan.FromSeconds(0.5), f.RetryDelay);
    }

    [Fact]
    public void Classify_529_Capacity()
    {
        Assert.Equal(UpstreamFailureKind.CapacityExhausted, Classify(529, """{"error":{"code":529,"message":"Overloaded"}}""").Kind);
    }

    [Fact]
    public void Classify_500_ServerError()
    {
        var f = Classify(500, """{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}""");

        Assert.Equal(UpstreamFailureKind.ServerError, f.Kind);
        Assert.Equal("Internal error encountered.", f.Message);
    }

    [Fact]
    public void Classify_Html502_ServerErrorWithTitleAsMessage()
    {
        var f = Classify(502, "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");

        Assert.Equal(UpstreamFailureKind.ServerError, f.Kind);
        Assert.Equal("502 Bad Gateway", f.Message);
        Assert.Null(f.RetryDelay);
    }

    [Fact]
    public void Classify_401_Unauthorized()
    {
        var body = """{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.","status":"UNAUTHENTICATED"}}""";

        Assert.Equal(UpstreamFailureKind.Unauthorized, Classify(401, body).Kind);
    }

    [Fact]
    public void Classify_403Validation_ValidationRequiredWithUrl()
    {
        var url = "https://accounts.google.com/signin/continue?sarp=1&scc=1&continue=x&plt=tok&flowName=GlifWebSignIn";
        var body = Envelope(403, "PERMISSION_DENIED", "Verify your account to continue.",
            Info("VALIDATION_REQUIRED", "\"validation_error_message\":\"Verify\",\"validation_url\":\"" + url + "\",\"validation_url_link_text\":\"Verify your account\""),
            """{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Verify","url":"https://support.google.com/x"}]}""");

        var f = Classify(403, body);

        Assert.Equal(UpstreamFailureKind.ValidationRequired, f.Kind);
        Assert.Equal(url, f.ValidationUrl);
    }

    [Fact]
    public void Classify_403ServiceDisabled_Forbidden()
    {
        var body = Envelope(403, "PERMISSION_DENIED", "Cloud Code Private API has not been used in project X before or it is disabled.",
            Info("SERVICE_DISABLED", "\"service\":\"cloudcode-pa.googleapis.com\""));

        var f = Classify(403, body);

        Assert.Equal(UpstreamFailureKind.Forbidden, f.Kind);
        Assert.Equal("SERVICE_DISABLED", f.Reason);
    }

    [Fact]
    public void Classify_404_NotFound()
    {
        Assert.Equal(UpstreamFailureKind.NotFound, Classify(404, """{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND"}}""").Kind);
    }

    [Fact]
    public void Classify_400DoubleWrappedClaude_BadRequestWithInnerMessage()
    {
        var inner = """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 215000 tokens > 200000 maximum"},"request_id":"req_vrtx_abc"}""";
        var body = """{"error":{"code":400,"status":"INVALID_ARGUMENT","message":""" + System.Text.Json.JsonSerializer.Serialize(inner) + "}}";

        var f = Classify(400, body);

        Assert.Equal(UpstreamFailureKind.BadRequest, f.Kind);
        Assert.Equal("prompt is too long: 215000 tokens > 200000 maximum", f.Message);
    }

    [Theory]
    [InlineData(402, nameof(UpstreamFailureKind.ClientError))]
    [InlineData(408, nameof(UpstreamFailureKind.ServerError))]
    [InlineData(504, nameof(UpstreamFailureKind.ServerError))]
    [InlineData(0, nameof(UpstreamFailureKind.Network))]
    public void Classify_OtherStatuses_Kind(int status, string expectedName)
    {
        var expected = Enum.Parse<UpstreamFailureKind>(expectedName);
        Assert.Equal(expected, Classify(status, null).Kind);
    }

    [Fact]
    public void Classify_RetryAfterHeaderAnyCase_UsedWhenBodyHasNone()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["retry-after"] = "17" };

        var f = Classify(429, GenericTemplate(), headers);

        Assert.Equal(TimeSpan.FromSeconds(17), f.RetryDelay);
        Assert.Equal("Retry-After", f.DelaySource);
    }

    [Fact]
    public void Classify_CaseSensitiveHeaderDictionary_StillFindsRetryAfter()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["RETRY-AFTER"] = "9" };

        Assert.Equal(TimeSpan.FromSeconds(9), Classify(503, "Service Unavailable", headers).RetryDelay);
    }

    [Fact]
    public void Classify_RetryAfterMsHeader_BeatsRetryAfter()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["retry-after-ms"] = "2500", ["Retry-After"] = "30" };

        var f = Classify(429, GenericTemplate(), headers);

        Assert.Equal(TimeSpan.FromMilliseconds(2500), f.RetryDelay);
        Assert.Equal("retry-after-ms", f.DelaySource);
    }

    [Fact]
    public void Classify_RetryAfterHttpDateInPast_Zero()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = "Wed, 01 Jul 2026 09:00:00 GMT" };

        Assert.Equal(TimeSpan.Zero, Classify(429, GenericTemplate(), headers).RetryDelay);
    }

    [Fact]
    public void Classify_BodyDelayBeatsHeader()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = "99" };

        Assert.Equal(TimeSpan.FromSeconds(1.5), Classify(429, RateLimitTemplate(), headers).RetryDelay);
    }

    [Fact]
    public void Classify_RetryDelayAsProtobufObject_Parsed()
    {
        var body = """{"error":{"code":429,"message":"rate limit","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":{"seconds":"3","nanos":500000000}}]}}""";

        Assert.Equal(TimeSpan.FromSeconds(3.5), Classify(429, body).RetryDelay);
    }

    public static TheoryData<string?> GarbageBodies() => new(
        null,
        "",
        "   ",
        "{",
        "[]",
        "[1,2,3]",
        "[{\"error\":[]}]",
        "{\"error\":5}",
        "{\"error\":\"plain string\"}",
        "{\"error\":{\"details\":\"x\"}}",
        "{\"error\":{\"details\":[1,null,\"a\",{\"@type\":5}]}}",
        "{\"error\":{\"message\":{\"nested\":true},\"details\":[{\"@type\":\"x.RetryInfo\",\"retryDelay\":1e308}]}}",
        "{\"error\":{\"details\":[{\"@type\":\"x.RetryInfo\",\"retryDelay\":{\"seconds\":\"NaN\",\"nanos\":\"x\"}}]}}",
        "{\"error\":{\"details\":[{\"@type\":\"x.ErrorInfo\",\"reason\":7,\"metadata\":{\"quotaResetDelay\":\"-1s\",\"quotaResetTimeStamp\":\"yesterday\"}}]}}",
        "{\"error\":{\"message\":\"{not json\"}}",
        new string('[', 10_000),
        new string('{', 5_000),
        "data: {\"error\":{\"code\":429",
        "\0\u0001\u0002binary",
        "<html><title>unterminated",
        "wait 99999999999999999999999999999999h please",
        "reset after " + new string('1', 5000) + "s");

    [Theory]
    [MemberData(nameof(GarbageBodies))]
    public void Classify_Garbage_NeverThrows(string? body)
    {
        foreach (var status in new[] { -1, 0, 200, 400, 403, 429, 503, 999 })
        {
            var f = Classify(status, body, new Dictionary<string, string> { ["Retry-After"] = "garbage", ["retry-after-ms"] = "-5" });
            Assert.Equal(status, f.Status);
            Assert.True(f.RetryDelay is null || f.RetryDelay >= TimeSpan.Zero);
        }
    }

    [Theory]
    [InlineData("This service has been disabled in this account for violation of Terms of Service. Please submit an appeal to continue using this product.")]
    [InlineData("Gemini has been disabled in this account for violation of Terms of\n\t\tService. If you believe this is an error, please contact Google Cloud Support.")]
    public void Classify_TermsOfServiceBan_IsItsOwnKind(string message)
    {
        var f = Classify(403, $$$"""{"error":{"code":403,"message":"{{{message}}}","status":"PERMISSION_DENIED"}}""");

        Assert.Equal(UpstreamFailureKind.TermsOfServiceBan, f.Kind);
    }

    [Fact]
    public void Classify_UnsupportedClient_IsNotAnAccountFailure()
    {
        var f = Classify(403, """{"error":{"code":403,"message":"This client is no longer supported for Gemini Code Assist for individuals.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"UNSUPPORTED_CLIENT"}]}}""");

        Assert.Equal(UpstreamFailureKind.UnsupportedClient, f.Kind);
        Assert.Equal(503, RetryPlanner.ClientStatusFor(f));
    }

    [Fact]
    public void Classify_InsufficientCredits_IsCreditsExhaustedNotABareLimit()
    {
        var f = Classify(429, """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INSUFFICIENT_G1_CREDITS_BALANCE","metadata":{"model":"claude-sonnet-4-6"}}]}}""");

        Assert.Equal(UpstreamFailureKind.CreditsExhausted, f.Kind);
        Assert.False(f.IsBare);
    }

    [Fact]
    public void Classify_WeeklyIndividualQuota_QuotaWithTheMultiDayDelay()
    {
        var f = Classify(429, """
            {"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"Individual quota reached. Contact your administrator to enable overages. Resets in 160h20m10s.",
             "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"QUOTA_EXHAUSTED","domain":"cloudcode-pa.googleapis.com",
               "metadata":{"uiMessage":"true","model":"gemini-3.1-pro-low","quotaResetDelay":"160h20m10.7254055s","quotaResetTimeStamp":"2026-07-08T04:20:10Z"}},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"577210.7254055s"}]}}
            """);

        Assert.Equal(UpstreamFailureKind.QuotaExhausted, f.Kind);
        Assert.True(f.RetryDelay > TimeSpan.FromHours(160));
    }

    [Fact]
    public void Classify_CapacityExceededReason_IsCapacity()
    {
        var f = Classify(429, """{"error":{"code":429,"message":"No capacity available for model gemini-3.8-flash-high on the server","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"MODEL_CAPACITY_EXCEEDED"}]}}""");

        Assert.Equal(UpstreamFailureKind.CapacityExhausted, f.Kind);
    }

    [Fact]
    public void Classify_GenericTemplate_IsBare()
    {
        Assert.True(Classify(429, GenericTemplate()).IsBare);
        Assert.False(Classify(429, RateLimitTemplate("12s")).IsBare);
    }
}
