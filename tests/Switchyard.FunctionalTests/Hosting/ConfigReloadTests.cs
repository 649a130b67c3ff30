using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Primitives;
using Switchyard.FunctionalTests.FrontDoors;
using Switchyard.Hosting.Reload;

namespace Switchyard.FunctionalTests.Hosting;

/// <summary>
/// switchyard.json applies without a restart (issue 22). The reload is triggered through an injected watcher (the file's
/// change token), so no test waits for a file-system event.
/// </summary>
public sealed class ConfigReloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Request = """{"model":"team-default","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text ok]]"}]}""";

    [Fact]
    public async Task ChangedMapping_AppliesToTheNextRequest()
    {
        var watcher = new ManualWatcher();
        await using var h = await StartAsync(watcher, Mapping("gemini-3-flash"));
        Assert.Equal("gemini-3-flash", await MappedAsync(h));

        await WriteConfigAsync(h, Mapping("claude-sonnet-4-5"));
        watcher.Fire();

        Assert.StartsWith("claude-sonnet", await MappedAsync(h), StringComparison.Ordinal);
        var status = await StatusAsync(h);
        Assert.True((bool)status["applied"]!);
        Assert.Equal(1, (long)status["version"]!);
        Assert.Contains(status["changed"]!.AsArray(), k => (string?)k == "Models:Mappings:0:To");
    }

    [Fact]
    public async Task InvalidChange_RefusedWithEveryErrorAndTheOldConfigurationKept()
    {
        var watcher = new ManualWatcher();
        await using var h = await StartAsync(watcher, Mapping("gemini-3-flash"));

        var bad = Mapping("no-such-model");
        bad["Scheduling"] = new JsonObject { ["Strategy"] = "sticky", ["NoSuchKey"] = 3 };
        await WriteConfigAsync(h, bad);
        watcher.Fire();

        Assert.Equal("gemini-3-flash", await MappedAsync(h));
        var status = await StatusAsync(h);
        Assert.False((bool)status["applied"]!);
        Assert.Equal(0, (long)status["version"]!);
        var errors = status["errors"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains(errors, e => e.Contains("Scheduling:NoSuchKey", StringComparison.Ordinal));

        // Fixing the file applies it (the refused candidate left nothing behind).
        await WriteConfigAsync(h, Mapping("claude-sonnet-4-5"));
        watcher.Fire();
        Assert.StartsWith("claude-sonnet", await MappedAsync(h), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidMappingTarget_RefusedNamingTheRule()
    {
        var watcher = new ManualWatcher();
        await using var h = await StartAsync(watcher, Mapping("gemini-3-flash"));

        await WriteConfigAsync(h, Mapping("no-such-model"));
        watcher.Fire();

        Assert.Equal("gemini-3-flash", await MappedAsync(h));
        var errors = (await StatusAsync(h))["errors"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains(errors, e => e.Contains("Models:Mappings:0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PortChange_KeptUntilARestartAndReported()
    {
        var watcher = new ManualWatcher();
        await using var h = await StartAsync(watcher, Mapping("gemini-3-flash"));

        var changed = Mapping("claude-sonnet-4-5");
        changed["Server"] = new JsonObject { ["MaxRequestBodyBytes"] = 1_000_000 };
        await WriteConfigAsync(h, changed);
        watcher.Fire();

        var status = await StatusAsync(h);
        Assert.True((bool)status["applied"]!);
        Assert.Contains(status["restartPending"]!.AsArray(), k => (string?)k == "Server:MaxRequestBodyBytes");
        Assert.Contains(status["restartOnly"]!.AsArray(), k => (string?)k == "Server");
        Assert.StartsWith("claude-sonnet", await MappedAsync(h), StringComparison.Ordinal);
    }

    private static JsonObject Mapping(string to) => new()
    {
        ["Models"] = new JsonObject { ["Mappings"] = new JsonArray { (JsonNode)new JsonObject { ["From"] = "team-default", ["To"] = to } } },
    };

    private static async Task<FrontDoorHarness> StartAsync(ManualWatcher watcher, JsonObject config)
    {
        return await FrontDoorHarness.StartAsync(
            [new Emulator.State.AccountSeed { Email = Accounts.AccountsHarness.Ada, Name = "Ada Lovelace", Tier = "ULTRA", RefreshToken = Accounts.AccountsHarness.AdaRefresh }],
            settings: null,
            services: s => s.Replace(ServiceDescriptor.Singleton<IConfigFileWatcher>(watcher)),
            beforeStart: dataDir => WriteConfig(dataDir, config));
    }

    private static Task WriteConfigAsync(FrontDoorHarness h, JsonObject config)
    {
        WriteConfig(h.Accounts.DataDir, config);
        return Task.CompletedTask;
    }

    private static void WriteConfig(string dataDir, JsonObject config)
    {
        var path = Path.Combine(dataDir, "switchyard.json");
        File.WriteAllText(path, config.ToJsonString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task<string> MappedAsync(FrontDoorHarness h)
    {
        using var response = await h.PostAsync("v1/messages", Request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Mapped-Model").Single();
    }

    private static async Task<JsonNode> StatusAsync(FrontDoorHarness h)
    {
        using var response = await h.Client.GetAsync("admin/api/config", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    /// <summary>A watcher whose change the test fires; the reload runs inside <see cref="Fire"/>.</summary>
    private sealed class ManualWatcher : IConfigFileWatcher
    {
        private CancellationTokenSource _next = new();

        public IChangeToken Watch() => new CancellationChangeToken(_next.Token);

        public void Fire()
        {
            var fired = _next;
            _next = new CancellationTokenSource();
            fired.Cancel();
            fired.Dispose();
        }
    }
}
