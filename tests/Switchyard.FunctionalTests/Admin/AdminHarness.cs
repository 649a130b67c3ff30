using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Admin;
using Switchyard.Emulator.State;
using Switchyard.Foundation;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.Hosting;

namespace Switchyard.FunctionalTests.Admin;

/// <summary>
/// The emulator, a data directory with Ada imported (optionally Grace too), and a running gateway on 127.0.0.1 port 0
/// on the fake clock, with a client that keeps cookies. A request carrying <see cref="RemoteHeader"/> is treated as
/// coming from that (non-loopback) address.
/// </summary>
internal sealed class AdminHarness : IAsyncDisposable
{
    public const string RemoteHeader = "X-Test-Remote-Ip";
    public const string Password = "correct horse battery";

    private AdminHarness(AccountsHarness accounts, WebApplication app, HttpClient client, string adaId)
    {
        Accounts = accounts;
        App = app;
        Client = client;
        AdaId = adaId;
    }

    public AccountsHarness Accounts { get; }
    public WebApplication App { get; }
    public HttpClient Client { get; }
    public string AdaId { get; }
    public Uri BaseAddress => Client.BaseAddress!;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Starts the gateway; <paramref name="password"/> sets the admin password first (few iterations, for speed).</summary>
    public static async Task<AdminHarness> StartAsync(Action<Dictionary<string, string?>>? settings = null, bool password = false, bool withGrace = false, AccountSeed[]? seeds = null)
    {
        var accounts = await AccountsHarness.StartAsync(seeds ?? AccountsHarness.DefaultAccounts);
        var adaId = await accounts.ImportAsync();
        if (withGrace)
        {
            await accounts.ImportAsync(AccountsHarness.GraceRefresh);
        }

        accounts.Settings["Admin:FailureDelayMilliseconds"] = "0";
        settings?.Invoke(accounts.Settings);
        if (password)
        {
            new AdminPasswordStore(new GatewayPaths(accounts.DataDir)).Set(Password, iterations: 1000);
        }

        var app = GatewayApp.Build(accounts.DataDir, new Dictionary<string, string?>(accounts.Settings) { ["Server:Port"] = "0" }, services =>
        {
            services.AddSingleton<TimeProvider>(accounts.Time);
            services.AddSingleton<IStartupFilter, FakeRemoteFilter>();
        });
        await GatewayApp.StartAsync(app, Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(address.TrimEnd('/') + "/"),
        };
        return new AdminHarness(accounts, app, client, adaId);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (CsrfToken is not null && method != HttpMethod.Get)
        {
            request.Headers.Add(AdminSessions.CsrfHeader, CsrfToken);
        }

        configure?.Invoke(request);
        return Client.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null) => SendAsync(HttpMethod.Get, path, null, configure);

    public Task<HttpResponseMessage> PostAsync(string path, string? json = null, Action<HttpRequestMessage>? configure = null) => SendAsync(HttpMethod.Post, path, json, configure);

    public Task<HttpResponseMessage> PatchAsync(string path, string json, Action<HttpRequestMessage>? configure = null) => SendAsync(HttpMethod.Patch, path, json, configure);

    public Task<HttpResponseMessage> DeleteAsync(string path, Action<HttpRequestMessage>? configure = null) => SendAsync(HttpMethod.Delete, path, null, configure);

    public async Task LoginAsync()
    {
        using var response = await PostAsync("admin/api/login", $$"""{"password":"{{Password}}"}""");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        CsrfToken = (await GetJsonAsync("admin/api/session"))["csrfToken"]!.GetValue<string>();
    }

    /// <summary>The signed-in session's CSRF token, sent on every change once <see cref="LoginAsync"/> ran.</summary>
    public string? CsrfToken { get; set; }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

    /// <summary>A 2xx answer's JSON, failing with the body otherwise.</summary>
    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public static Action<HttpRequestMessage> FromRemote => r => r.Headers.Add(RemoteHeader, "203.0.113.7");

    public static Action<HttpRequestMessage> WithKey(string key) => r => r.Headers.Add(AdminAccess.KeyHeader, key);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Accounts.DisposeAsync();
    }

    /// <summary>Test-only: the connection's remote address from <see cref="RemoteHeader"/>, to exercise the loopback rule.</summary>
    private sealed class FakeRemoteFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteHeader, out var ip))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
