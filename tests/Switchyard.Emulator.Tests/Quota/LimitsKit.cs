using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.Quota;

/// <summary>A wall clock that never moves: the emulator's virtual clock then moves only when a test advances it.</summary>
internal sealed class FrozenTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Helpers shared by the quota and fault tests.</summary>
internal static class LimitsKit
{
    public const string CliUserAgent = "google-api-nodejs-client/9.15.1";

    /// <summary>Where the frozen wall clock stands.</summary>
    public static readonly DateTimeOffset Start = new(2026, 7, 1, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A free-tier account (weekly windows only), present in <see cref="StartAsync"/>.</summary>
    public const string Alan = "alan@example.com";

    /// <summary>
    /// An emulator whose virtual clock starts at <see cref="Start"/> and only moves when told, with Ada (ULTRA) and
    /// Grace (PRO), both licensed for the gemini-cli pool, and Alan (FREE, personal).
    /// </summary>
    public static Task<EmulatorFixture> StartAsync(int seed = 1, EmulatorConfig? config = null) => EmulatorFixture.StartAsync(new EmulatorOptions
    {
        Accounts =
        [
            new AccountSeed { Email = EmulatorFixture.Ada, Name = "Ada Lovelace", Tier = "ULTRA", GeminiCliLicense = true },
            new AccountSeed { Email = EmulatorFixture.Grace, Name = "Grace Hopper", Tier = "PRO", GeminiCliLicense = true },
            new AccountSeed { Email = Alan, Name = "Alan Turing", Tier = "FREE" },
        ],
        Config = (config ?? new EmulatorConfig()) with { RandomSeed = seed },
        TimeProvider = new FrozenTimeProvider(Start),
    });

    /// <summary>A token that outlives any clock advance in these tests (a week).</summary>
    public static Task<string> TokenAsync(EmulatorFixture emu, string email = EmulatorFixture.Ada) => emu.TokenAsync(email, ttlSeconds: 7 * 24 * 3600);

    /// <summary>A generate envelope in gemini-cli style: no <c>userAgent</c>, no <c>requestType</c>.</summary>
    public static JsonObject CliEnvelope(string model)
    {
        var body = EmulatorFixture.Envelope(model);
        body.Remove("userAgent");
        body.Remove("requestType");
        return body;
    }

    /// <summary>An Antigravity generate envelope; image models get <c>requestType: image_gen</c>.</summary>
    public static JsonObject AgEnvelope(string model, string userText = "Hello")
    {
        var body = EmulatorFixture.Envelope(model, userText);
        if (model.Contains("-image", StringComparison.Ordinal))
        {
            body["requestType"] = "image_gen";
        }

        return body;
    }

    /// <summary>generateContent as the Antigravity client (default) or the Gemini CLI (<paramref name="cli"/>).</summary>
    public static Task<HttpResponseMessage> GenerateAsync(EmulatorFixture emu, string token, string model, bool cli = false, string label = "prod", string userText = "Hello") =>
        cli
            ? emu.CallAsync("generateContent", CliEnvelope(model), token, label, userAgent: CliUserAgent)
            : emu.CallAsync("generateContent", AgEnvelope(model, userText), token, label);

    /// <summary>streamGenerateContent as the Antigravity client; the caller reads and disposes the response.</summary>
    public static Task<HttpResponseMessage> StreamAsync(EmulatorFixture emu, string token, string model, string label = "daily") =>
        emu.CallAsync("streamGenerateContent", AgEnvelope(model), token, label, query: "?alt=sse");

    /// <summary>fetchAvailableModels on <paramref name="label"/> (daily by default: prod's quota figures are stale).</summary>
    public static async Task<JsonObject> FetchModelsAsync(EmulatorFixture emu, string token, string label = "daily")
    {
        using var response = await emu.CallAsync("fetchAvailableModels", new JsonObject(), token, label);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await EmulatorFixture.ReadJsonAsync(response))["models"]!.AsObject();
    }

    /// <summary>retrieveUserQuotaSummary on <paramref name="label"/> (daily by default).</summary>
    public static async Task<JsonObject> SummaryAsync(EmulatorFixture emu, string token, string label = "daily")
    {
        using var response = await emu.CallAsync("retrieveUserQuotaSummary", new JsonObject(), token, label);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await EmulatorFixture.ReadJsonAsync(response);
    }

    /// <summary>A bucket of a summary by its id, or null.</summary>
    public static JsonObject? SummaryBucket(JsonObject summary, string bucketId) =>
        summary["groups"]!.AsArray().SelectMany(g => g!["buckets"]!.AsArray()).FirstOrDefault(b => (string?)b!["bucketId"] == bucketId)?.AsObject();

    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response) =>
        (await EmulatorFixture.ReadJsonAsync(response))["error"]!.AsObject();

    /// <summary>POSTs raw JSON to a control route and returns the response.</summary>
    public static async Task<HttpResponseMessage> ControlAsync(EmulatorFixture emu, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, "__emulator/" + path)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        return await emu.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
