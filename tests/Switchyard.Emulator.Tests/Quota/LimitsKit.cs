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

    /// <summary>An emulator with Ada and Grace whose virtual clock starts at <see cref="Start"/> and only moves when told.</summary>
    public static Task<EmulatorFixture> StartAsync(int seed = 1) => EmulatorFixture.StartAsync(new EmulatorOptions
    {
        Accounts =
        [
            new AccountSeed { Email = EmulatorFixture.Ada, Name = "Ada Lovelace", Tier = "ULTRA" },
            new AccountSeed { Email = EmulatorFixture.Grace, Name = "Grace Hopper", Tier = "PRO" },
        ],
        Config = new EmulatorConfig { RandomSeed = seed },
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

    /// <summary>generateContent as the Antigravity client (default) or the Gemini CLI (<paramref name="cli"/>).</summary>
    public static Task<HttpResponseMessage> GenerateAsync(EmulatorFixture emu, string token, string model, bool cli = false, string label = "prod", string userText = "Hello") =>
        cli
            ? emu.CallAsync("generateContent", CliEnvelope(model), token, label, userAgent: CliUserAgent)
            : emu.CallAsync("generateContent", EmulatorFixture.Envelope(model, userText), token, label, userAgent: "antigravity/1.18.3 darwin/arm64");

    public static async Task<JsonObject> FetchModelsAsync(EmulatorFixture emu, string token)
    {
        using var response = await emu.CallAsync("fetchAvailableModels", new JsonObject(), token, userAgent: "antigravity/1.18.3 darwin/arm64");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await EmulatorFixture.ReadJsonAsync(response))["models"]!.AsObject();
    }

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
