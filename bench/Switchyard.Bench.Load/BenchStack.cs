using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Bench.Load;

/// <summary>
/// The emulator and the gateway as two processes, wired the way a user would: accounts are minted on the
/// emulator's control API and imported with <c>switchyard accounts import --refresh-token</c>, then
/// <c>switchyard serve</c> runs with its OAuth and Cloud Code URLs pointed at the emulator.
/// </summary>
internal sealed class BenchStack : IDisposable
{
    private readonly List<ChildProcess> _children = [];

    private BenchStack(HttpClient control)
    {
        Control = control;
    }

    public required Uri EmulatorUrl { get; init; }
    public required Uri GatewayUrl { get; init; }
    public required ChildProcess Emulator { get; init; }
    public required ChildProcess Gateway { get; init; }

    /// <summary>Access token per account email, for calling the emulator directly.</summary>
    public required IReadOnlyDictionary<string, string> AccessTokens { get; init; }

    public IReadOnlyList<string> Emails => [.. AccessTokens.Keys];

    public HttpClient Control { get; }

    public static async Task<BenchStack> StartAsync(BenchOptions options, TextWriter log)
    {
        Directory.CreateDirectory(options.WorkDir);
        var dataDir = Path.Combine(options.WorkDir, "data");
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        var emails = Enumerable.Range(1, options.Accounts).Select(i => $"bench{i}@example.com").ToArray();
        var accountsFile = Path.Combine(options.WorkDir, "emulator-accounts.json");

        // deniedModels is spelled out: the emulator's file reader leaves a missing list null.
        var seeds = new JsonArray(emails.Select(e => (JsonNode)new JsonObject
        {
            ["email"] = e,
            ["tier"] = "ULTRA",
            ["deniedModels"] = new JsonArray(),
        }).ToArray());
        await File.WriteAllTextAsync(accountsFile, seeds.ToJsonString());

        var emulatorPort = FreePort();
        var emulatorUrl = new Uri($"http://127.0.0.1:{emulatorPort}/");
        var emulator = ChildProcess.Start(
            options.EmulatorDll, ["--port", emulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--accounts", accountsFile],
            Path.Combine(options.WorkDir, "emulator.log"),
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });
        var control = new HttpClient { BaseAddress = emulatorUrl };
        try
        {
            await WaitReadyAsync(control, "__emulator/config", emulator);
            var tokens = new Dictionary<string, string>();
            var settings = Settings(emulatorUrl);
            foreach (var email in emails)
            {
                using var minted = await control.PostAsync($"__emulator/accounts/{email}/tokens", null);
                minted.EnsureSuccessStatusCode();
                var grant = JsonNode.Parse(await minted.Content.ReadAsStringAsync())!;
                tokens[email] = (string)grant["access_token"]!;
                var refresh = (string)grant["refresh_token"]!;
                await RunCliAsync(options.GatewayDll, [.. GlobalArgs(dataDir, settings), "accounts", "import", "--refresh-token", refresh], log);
            }

            var gatewayPort = FreePort();
            var gatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}/");
            var gateway = ChildProcess.Start(
                options.GatewayDll,
                [.. GlobalArgs(dataDir, [.. settings, .. options.GatewaySettings]), "serve", "--port", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                Path.Combine(options.WorkDir, "gateway.log"),
                options.GatewayEnvironment.Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""));
            using var probe = new HttpClient { BaseAddress = gatewayUrl };
            await WaitReadyAsync(probe, "healthz", gateway);
            var stack = new BenchStack(control)
            {
                EmulatorUrl = emulatorUrl,
                GatewayUrl = gatewayUrl,
                Emulator = emulator,
                Gateway = gateway,
                AccessTokens = tokens,
            };
            stack._children.Add(gateway);
            stack._children.Add(emulator);
            return stack;
        }
        catch
        {
            emulator.Dispose();
            control.Dispose();
            throw;
        }
    }

    /// <summary>The gateway's settings: every URL at the emulator, the emulator's own OAuth client.</summary>
    private static List<string> Settings(Uri emulator)
    {
        var list = new List<string>
        {
            "OAuth:ClientId=switchyard-emulator-client.apps.local",
            "OAuth:ClientSecret=emulator-local-secret",
            $"OAuth:AuthorizeUrl={emulator}o/oauth2/v2/auth",
            $"OAuth:TokenUrl={emulator}token",
            $"OAuth:UserInfoUrl={emulator}oauth2/v2/userinfo",
            "Accounts:OnboardPollDelaySeconds=0",
        };
        string[] labels = ["daily-sandbox", "daily", "prod"];
        for (var i = 0; i < labels.Length; i++)
        {
            list.Add($"Upstream:Hosts:{i}:Label={labels[i]}");
            list.Add($"Upstream:Hosts:{i}:BaseUrl={emulator}{labels[i]}");
        }

        return list;
    }

    private static IEnumerable<string> GlobalArgs(string dataDir, List<string> settings)
    {
        yield return "--data-dir";
        yield return dataDir;
        foreach (var setting in settings)
        {
            yield return "--set";
            yield return setting;
        }
    }

    private static async Task RunCliAsync(string dll, IEnumerable<string> args, TextWriter log)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the CLI.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = (await stdout).Trim() + (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"switchyard {string.Join(' ', info.ArgumentList.Skip(1).Where(a => !a.StartsWith("1//", StringComparison.Ordinal)))} failed ({process.ExitCode}): {text}");
        }

        await log.WriteLineAsync("  " + text.Split('\n').Last().Trim());
    }

    private static async Task WaitReadyAsync(HttpClient client, string path, ChildProcess process)
    {
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process serving {client.BaseAddress} exited during start; see its log.");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock);
        }

        throw new TimeoutException($"{client.BaseAddress}{path} did not answer within 30 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>POSTs JSON to the control API and checks the status.</summary>
    public async Task ControlAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, "__emulator/" + path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await Control.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Journal entries (what reached "Google") after <paramref name="sinceSeq"/>.</summary>
    public async Task<JsonArray> JournalAsync(long sinceSeq = 0)
    {
        var text = await Control.GetStringAsync($"__emulator/requests?sinceSeq={sinceSeq}");
        return JsonNode.Parse(text)!.AsArray();
    }

    public void Dispose()
    {
        foreach (var child in _children)
        {
            child.Dispose();
        }

        Control.Dispose();
    }
}
