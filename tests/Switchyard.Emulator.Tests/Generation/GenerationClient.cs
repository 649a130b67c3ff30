using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.Generation;

/// <summary>Requests and SSE reading for the generation tests.</summary>
internal static class GenerationClient
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts an emulator with the fixture's two accounts and the given config and wall clock.</summary>
    public static Task<EmulatorFixture> StartAsync(EmulatorConfig? config = null, TimeProvider? wall = null) =>
        EmulatorFixture.StartAsync(new EmulatorOptions
        {
            Accounts =
            [
                new AccountSeed { Email = EmulatorFixture.Ada, Name = "Ada Lovelace", Tier = "ULTRA" },
                new AccountSeed { Email = EmulatorFixture.Grace, Name = "Grace Hopper", Tier = "PRO" },
            ],
            Config = config ?? new EmulatorConfig(),
            TimeProvider = wall,
        });

    /// <summary>An envelope whose request asks for thoughts (camelCase or snake_case keys).</summary>
    public static JsonObject WithThoughts(JsonObject envelope, bool snakeCase = false)
    {
        envelope["request"]!["generationConfig"] = snakeCase
            ? new JsonObject { ["thinking_config"] = new JsonObject { ["include_thoughts"] = true, ["thinking_budget"] = 1024 }, ["maxOutputTokens"] = 4096 }
            : new JsonObject { ["thinkingConfig"] = new JsonObject { ["includeThoughts"] = true, ["thinkingBudget"] = 1024 }, ["maxOutputTokens"] = 4096 };
        return envelope;
    }

    public static async Task<JsonObject> GenerateAsync(EmulatorFixture emu, JsonObject envelope, string email = EmulatorFixture.Ada)
    {
        var token = await emu.TokenAsync(email);
        using var response = await emu.CallAsync("generateContent", envelope, token);
        Assert.Equal(200, (int)response.StatusCode);
        return await EmulatorFixture.ReadJsonAsync(response);
    }

    /// <summary>Starts a stream and returns as soon as the headers are in.</summary>
    public static async Task<HttpResponseMessage> OpenStreamAsync(EmulatorFixture emu, JsonObject envelope, string email = EmulatorFixture.Ada)
    {
        var token = await emu.TokenAsync(email);
        using var request = new HttpRequestMessage(HttpMethod.Post, "prod/v1internal:streamGenerateContent?alt=sse")
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await emu.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        return response;
    }

    /// <summary>The whole body of a stream, as text.</summary>
    public static async Task<string> StreamTextAsync(EmulatorFixture emu, JsonObject envelope, string email = EmulatorFixture.Ada)
    {
        using var response = await OpenStreamAsync(emu, envelope, email);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>Every event's data, parsed with <see cref="SseParser"/>.</summary>
    public static async Task<List<string>> StreamDataAsync(EmulatorFixture emu, JsonObject envelope, string email = EmulatorFixture.Ada)
    {
        var text = await StreamTextAsync(emu, envelope, email);
        return await ParseAsync(text);
    }

    public static async Task<List<JsonObject>> StreamEventsAsync(EmulatorFixture emu, JsonObject envelope, string email = EmulatorFixture.Ada) =>
        [.. (await StreamDataAsync(emu, envelope, email)).Select(d => JsonNode.Parse(d)!.AsObject())];

    public static async Task<List<string>> ParseAsync(string body)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var data = new List<string>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(Ct))
        {
            data.Add(item.Data);
        }

        return data;
    }

    /// <summary>The parts of a response (or of one stream event).</summary>
    public static List<JsonObject> Parts(JsonObject body) =>
        [.. (body["response"]!["candidates"]![0]!["content"]!["parts"] as JsonArray ?? []).Select(p => p!.AsObject())];

    public static List<JsonObject> AllParts(IEnumerable<JsonObject> events) => [.. events.SelectMany(Parts)];

    public static string? FinishReason(JsonObject body) => (string?)body["response"]!["candidates"]![0]!["finishReason"];

    public static JsonObject? Usage(JsonObject body) => body["response"]!["usageMetadata"] as JsonObject;

    public static int UsageValue(JsonObject body, string key) => (int)body["response"]!["usageMetadata"]![key]!;

    public static string Text(IEnumerable<JsonObject> parts, bool thought = false) =>
        string.Concat(parts.Where(p => p.ContainsKey("text") && IsThought(p) == thought).Select(p => (string)p["text"]!));

    public static bool IsThought(JsonObject part) => part["thought"] is JsonValue v && v.GetValue<bool>();

    internal static Signatures Signer(EmulatorFixture emu) => emu.Server.State.Signatures;

    /// <summary>Queues one script entry whose single response carries <paramref name="fault"/>.</summary>
    public static Task ScriptFaultAsync(EmulatorFixture emu, JsonObject fault, string text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") =>
        emu.Control.AddScriptAsync(new JsonObject
        {
            ["responses"] = new JsonArray { new JsonObject { ["thinking"] = "", ["text"] = text, ["fault"] = fault } },
        }, Ct);
}

/// <summary>A fake wall clock that reports each timer it creates, so a test knows the emulator is waiting.</summary>
internal sealed class TimerSignalingTimeProvider : FakeTimeProvider
{
    public Channel<TimeSpan> Timers { get; } = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public ValueTask<TimeSpan> NextTimerAsync(CancellationToken cancellationToken) => Timers.Reader.ReadAsync(cancellationToken);
}
