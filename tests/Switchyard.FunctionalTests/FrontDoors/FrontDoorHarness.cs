using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulator;
using Switchyard.Emulator.State;
using Switchyard.FunctionalTests.Accounts;

namespace Switchyard.FunctionalTests.FrontDoors;

/// <summary>
/// The emulator (hosts daily-sandbox then prod), one imported account (Ada) and a running gateway on
/// 127.0.0.1 port 0, with an HttpClient for it. The emulator journal is cleared once the gateway is up.
/// The gateway's clock skips its waits (<see cref="WaitSkippingTimeProvider"/>); MaxWaitSeconds is 0 unless set.
/// </summary>
internal sealed class FrontDoorHarness : IAsyncDisposable
{
    private FrontDoorHarness(AccountsHarness accounts, WebApplication app, HttpClient client)
    {
        Accounts = accounts;
        App = app;
        Client = client;
    }

    public AccountsHarness Accounts { get; }
    public WebApplication App { get; }
    public HttpClient Client { get; }
    public EmulatorServer Emulator => Accounts.Emulator;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts with Ada imported; with <paramref name="withGrace"/> Grace is imported after her.</summary>
    public static Task<FrontDoorHarness> StartAsync(Action<Dictionary<string, string?>>? settings = null, bool withGrace = false) =>
        StartAsync(withGrace ? AccountsHarness.DefaultAccounts : [AdaSeed], settings);

    /// <summary>
    /// Starts with Ada imported, her account keeping the gemini-cli pool (a Gemini Code Assist licence): since 2026-06
    /// the only way to the Gemini 2.5 models and the pool's preview ids.
    /// </summary>
    public static Task<FrontDoorHarness> StartLicensedAsync() => StartAsync([AdaSeed with { GeminiCliLicense = true }]);

    private static AccountSeed AdaSeed => new() { Email = AccountsHarness.Ada, Name = "Ada Lovelace", Tier = "ULTRA", RefreshToken = AccountsHarness.AdaRefresh };

    /// <summary>Starts with <paramref name="seeds"/> in the emulator, each imported by its refresh token in order.</summary>
    public static async Task<FrontDoorHarness> StartAsync(AccountSeed[] seeds, Action<Dictionary<string, string?>>? settings = null, Action<IServiceCollection>? services = null,
        Action<string>? beforeStart = null)
    {
        var accounts = await AccountsHarness.StartAsync(seeds);
        accounts.Settings["Upstream:Hosts:0:Label"] = "daily-sandbox";
        accounts.Settings["Upstream:Hosts:0:BaseUrl"] = accounts.Emulator.CloudCodeUrl("daily-sandbox");
        accounts.Settings["Upstream:Hosts:1:Label"] = "prod";
        accounts.Settings["Upstream:Hosts:1:BaseUrl"] = accounts.Emulator.CloudCodeUrl("prod");

        // The doors' own behaviour: a limit is answered at once instead of waited out (scheduling tests opt in),
        // and the backoff between retries passes on the fake clock without real time going by.
        accounts.Settings["Scheduling:MaxWaitSeconds"] = "0";
        accounts.Time.SkipWaits = true;
        foreach (var seed in seeds)
        {
            await accounts.ImportAsync(seed.RefreshToken!);
        }

        settings?.Invoke(accounts.Settings);
        beforeStart?.Invoke(accounts.DataDir);
        var app = await accounts.StartGatewayAsync(services);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
        await accounts.Emulator.Control.ClearRequestsAsync(Ct);
        return new FrontDoorHarness(accounts, app, client);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json, string contentType = "application/json", HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        return Client.SendAsync(request, completion, Ct);
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

    public static async Task<List<SseItem<string>>> EventsAsync(HttpResponseMessage response)
    {
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(Ct)).EnumerateAsync(Ct))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>Generate calls (generateContent, streamGenerateContent, countTokens) the emulator saw.</summary>
    public async Task<List<JournalEntry>> GenerateCallsAsync() =>
        (await Emulator.Control.GetRequestsAsync(cancellationToken: Ct))
            .Where(e => e.Rpc is "generateContent" or "streamGenerateContent" or "countTokens")
            .ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Accounts.DisposeAsync();
    }
}
