using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.Tests.Quota;

/// <summary>
/// The quota RPCs of two hosts (daily, prod) over <see cref="FakeHttpMessageHandler"/>: each answer is a settable JSON text
/// (null: 404), so a test can change what the upstream says between readings.
/// </summary>
internal sealed class FakeCloudCode
{
    public const string Daily = "https://daily.test";
    public const string Prod = "https://prod.test";

    public static Dictionary<string, string?> Hosts => new()
    {
        ["Upstream:Hosts:0:Label"] = "daily",
        ["Upstream:Hosts:0:BaseUrl"] = Daily,
        ["Upstream:Hosts:1:Label"] = "prod",
        ["Upstream:Hosts:1:BaseUrl"] = Prod,
    };

    public string? LoadCodeAssist { get; set; } =
        """{"currentTier":{"id":"standard-tier"},"paidTier":{"id":"g1-pro-tier","availableCredits":[{"creditType":"GOOGLE_ONE_AI","creditAmount":"1000","minimumCreditAmountForUsage":"50"}]},"cloudaicompanionProject":"proj-1"}""";

    public string? GeminiCliLoad { get; set; } = """{"currentTier":{"id":"standard-tier"},"cloudaicompanionProject":"proj-1"}""";

    public string? Summary { get; set; }

    public string? ProdSummary { get; set; }

    public int SummaryStatus { get; set; } = 200;

    public string? Catalogue { get; set; } = """{"models":{"claude-sonnet-4-6":{"displayName":"Claude Sonnet 4.6","quotaInfo":{"remainingFraction":1}},"gemini-3-flash":{}}}""";

    /// <summary>Runs while the summary request is in flight (before it is answered).</summary>
    public Action? DuringSummary { get; set; }

    public static string SummaryJson(DateTimeOffset reset, double gemini5h = 1, double geminiWeekly = 1, double thirdParty5h = 1, double thirdPartyWeekly = 1, bool weeklyOnly = false)
    {
        JsonObject Bucket(string id, string window, double fraction) => new()
        {
            ["bucketId"] = id,
            ["window"] = window,
            ["remainingFraction"] = fraction,
            ["resetTime"] = reset.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["disabled"] = window == "5h" && id.StartsWith("gemini", StringComparison.Ordinal) ? geminiWeekly <= 0 : window == "5h" && thirdPartyWeekly <= 0,
        };
        JsonArray Buckets(string family, double fiveHour, double weekly) => weeklyOnly
            ? [Bucket(family + "-weekly", "weekly", weekly)]
            : [Bucket(family + "-weekly", "weekly", weekly), Bucket(family + "-5h", "5h", fiveHour)];
        return new JsonObject
        {
            ["groups"] = new JsonArray
            {
                new JsonObject { ["displayName"] = "Gemini Models", ["buckets"] = Buckets("gemini", gemini5h, geminiWeekly) },
                new JsonObject { ["displayName"] = "Claude and GPT models", ["buckets"] = Buckets("3p", thirdParty5h, thirdPartyWeekly) },
            },
        }.ToJsonString();
    }

    public void Attach(FakeHttpMessageHandler http) => http.Callback = r => Task.FromResult(Answer(r));

    private HttpResponseMessage Answer(RecordedRequest request)
    {
        var prod = request.Url.StartsWith(Prod, StringComparison.Ordinal);
        var text = request.Url[(request.Url.LastIndexOf(':') + 1)..] switch
        {
            "loadCodeAssist" when request.Body.Contains("IDE_UNSPECIFIED", StringComparison.Ordinal) => GeminiCliLoad,
            "loadCodeAssist" => LoadCodeAssist,
            "retrieveUserQuotaSummary" => Summarize(prod),
            "fetchAvailableModels" => Catalogue,
            _ => null,
        };
        if (text is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var status = request.Url.EndsWith(":retrieveUserQuotaSummary", StringComparison.Ordinal) ? (HttpStatusCode)SummaryStatus : HttpStatusCode.OK;
        return FakeHttpMessageHandler.Json(text, status);
    }

    private string? Summarize(bool prod)
    {
        DuringSummary?.Invoke();
        return prod ? ProdSummary : Summary;
    }
}
