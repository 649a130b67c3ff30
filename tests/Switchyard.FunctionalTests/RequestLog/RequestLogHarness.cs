using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Emulator.State;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.Hosting;
using Switchyard.RequestLog;

namespace Switchyard.FunctionalTests.RequestLog;

/// <summary>
/// The emulator, Ada imported, and a gateway on 127.0.0.1 port 0 with a client API key and the request-log routes
/// mounted on a plain <c>/admin/api</c> group (the admin API mounts them behind its auth in the product).
/// </summary>
internal sealed class RequestLogHarness : IAsyncDisposable
{
    public const string ClientKey = "sk-switchyard-client-key-0123456789";
    public const string ScrapeToken = "prometheus-scrape-token-0123456789";
    public const string Anthropic = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text ok]]"}]}""";
    public const string OpenAI = """{"model":"gemini-3-flash","messages":[{"role":"user","content":"[[emu:text ok]]"}]}""";
    public const string Gemini = """{"contents":[{"role":"user","parts":[{"text":"[[emu:text ok]]"}]}]}""";

    private RequestLogHarness(AccountsHarness accounts, WebApplication app, HttpClient client, CountingSink finished)
    {
        Finished = finished;
        Accounts = accounts;
        App = app;
        Client = client;
    }

    public AccountsHarness Accounts { get; }
    public WebApplication App { get; }
    public HttpClient Client { get; }
    public RequestLogWriter Writer => App.Services.GetRequiredService<RequestLogWriter>();
    public CountingSink Finished { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the gateway; <paramref name="quiet"/> drops the per-call HttpClient information logs (for volume tests).</summary>
    public static async Task<RequestLogHarness> StartAsync(Action<Dictionary<string, string?>>? settings = null, bool quiet = false)
    {
        var accounts = await AccountsHarness.StartAsync(new AccountSeed { Email = AccountsHarness.Ada, Name = "Ada Lovelace", Tier = "ULTRA", RefreshToken = AccountsHarness.AdaRefresh });
        accounts.Settings["Upstream:Hosts:0:Label"] = "prod";
        accounts.Settings["Upstream:Hosts:0:BaseUrl"] = accounts.Emulator.CloudCodeUrl("prod");
        await accounts.ImportAsync();
        accounts.Settings["Auth:ApiKeys:0:Name"] = "tests";
        accounts.Settings["Auth:ApiKeys:0:Key"] = ClientKey;
        accounts.Settings["Metrics:ScrapeToken"] = ScrapeToken;
        settings?.Invoke(accounts.Settings);
        var all = new Dictionary<string, string?>(accounts.Settings) { ["Server:Port"] = "0" };
        var finished = new CountingSink();
        var app = GatewayApp.Build(accounts.DataDir, all, services =>
        {
            services.AddSingleton<TimeProvider>(accounts.Time);
            services.AddSingleton<IRequestSink>(finished);
            if (quiet)
            {
                services.AddLogging(b => b.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));
            }
        });
        try
        {
            await GatewayApp.StartAsync(app, Ct);
        }
        catch
        {
            await app.DisposeAsync();
            await accounts.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
        return new RequestLogHarness(accounts, app, client, finished);
    }

    /// <summary>POSTs <paramref name="json"/> with the client key (x-api-key, and ?key= for Gemini paths).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string json, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.StartsWith("v1beta", StringComparison.Ordinal) ? path + "?key=" + ClientKey : path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        request.Headers.TryAddWithoutValidation("x-api-key", ClientKey);
        return await (client ?? Client).SendAsync(request, Ct);
    }

    /// <summary>GET /metrics as Prometheus would, with the scrape token (a client key is set, so /metrics is protected).</summary>
    public Task<HttpResponseMessage> GetMetricsAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ScrapeToken);
        return Client.SendAsync(request, Ct);
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    /// <summary>Waits until <paramref name="count"/> requests have finished and the request log has written them.</summary>
    public async Task FlushAsync(long count)
    {
        await Finished.WaitForAsync(count, Ct);
        await Writer.FlushAsync(Ct);
    }

    /// <summary>Stops the gateway (the writer drains on the way out); disposing afterwards is still needed.</summary>
    public async Task StopAsync() => await App.StopAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Accounts.DisposeAsync();
    }
}
