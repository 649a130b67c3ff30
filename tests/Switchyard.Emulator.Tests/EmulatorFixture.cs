using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests;

/// <summary>Starts a fresh emulator on port 0 for one test and talks to it over loopback HTTP.</summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    public const string Ada = "ada@example.com";
    public const string Grace = "grace@example.com";

    /// <summary>
    /// A client version at the default floor's level (the 2026 hub form), sent with every request unless a test
    /// names another User-Agent.
    /// </summary>
    public const string CurrentUserAgent = "antigravity/hub/2.9.1 darwin/arm64";

    private EmulatorFixture(EmulatorServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseUrl };
        Http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", CurrentUserAgent);
    }

    public EmulatorServer Server { get; }
    public HttpClient Http { get; }
    public EmulatorControlClient Control => Server.Control;

    public static async Task<EmulatorFixture> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions
        {
            Accounts =
            [
                new AccountSeed { Email = Ada, Name = "Ada Lovelace", Tier = "ULTRA" },
                new AccountSeed { Email = Grace, Name = "Grace Hopper", Tier = "PRO" },
            ],
        };
        return new EmulatorFixture(await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken));
    }

    /// <summary>A fresh access token for <paramref name="email"/>, minted through the control API.</summary>
    public async Task<string> TokenAsync(string email = Ada, int? ttlSeconds = null) =>
        (await Control.MintTokensAsync(email, ttlSeconds, TestContext.Current.CancellationToken)).AccessToken;

    /// <summary>POSTs JSON to a Cloud Code RPC on a host label and returns the raw response.</summary>
    public async Task<HttpResponseMessage> CallAsync(string rpc, JsonNode body, string? token, string label = "prod", string? userAgent = null, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{label}/v1internal:{rpc}{query}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();

    /// <summary>A minimal valid generate envelope (request type image_gen for image models, agent otherwise).</summary>
    public static JsonObject Envelope(string model, string userText = "Hello", string project = "") => new()
    {
        ["project"] = project,
        ["model"] = model,
        ["requestType"] = model.Contains("-image", StringComparison.Ordinal) ? "image_gen" : "agent",
        ["userAgent"] = "antigravity",
        ["requestId"] = "agent-test",
        ["request"] = new JsonObject
        {
            ["contents"] = new JsonArray
            {
                new JsonObject { ["role"] = "user", ["parts"] = new JsonArray { new JsonObject { ["text"] = userText } } },
            },
        },
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
