using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.Bench.Load;

/// <summary>antigravity-claude-proxy started by bench/peer/start-peer.sh with one account of the emulator.</summary>
internal sealed class Peer : IDisposable
{
    private readonly ChildProcess _process;

    private Peer(ChildProcess process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The peer passes model ids through: it is asked for the upstream id Switchyard maps claude-sonnet-4-5 to.</summary>
    public static string Model(Workload anthropic) => (string)JsonNode.Parse(anthropic.Direct.Body)!["model"]!;

    public static async Task<Peer?> StartAsync(string script, BenchStack stack, Workload anthropic, BenchOptions options, TextWriter log)
    {
        // The account the gateway used for the probe: its token and project, as the direct run sends them.
        var token = anthropic.Direct.Headers.First(h => h.Key == "Authorization").Value["Bearer ".Length..];
        var project = (string)JsonNode.Parse(anthropic.Direct.Body)!["project"]!;
        var port = BenchStack.FreePort();
        var home = Path.Combine(options.WorkDir, "peer-home");
        Directory.CreateDirectory(home);
        var process = ChildProcess.StartProgram("bash", [script], Path.Combine(options.WorkDir, "peer.log"), new Dictionary<string, string>
        {
            ["EMULATOR_URL"] = stack.EmulatorUrl.ToString(),
            ["PEER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PEER_TOKEN"] = token,
            ["PEER_PROJECT"] = project,
            ["PEER_HOME"] = home,
        });
        var url = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient();
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < TimeSpan.FromSeconds(120) && !process.HasExited)
        {
            try
            {
                using var request = Workloads.Gateway(new Uri(url + "/"), "anthropic", stream: false, Model(anthropic)).Create();
                using var response = await probe.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await log.WriteLineAsync($"Peer antigravity-claude-proxy ready at {url}");
                    return new Peer(process, url);
                }

                await log.WriteLineAsync($"Peer answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                break;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), clock);
            }
        }

        await log.WriteLineAsync($"Peer did not come up; see {Path.Combine(options.WorkDir, "peer.log")}. Skipping it.");
        process.Dispose();
        return null;
    }

    public void Dispose() => _process.Dispose();
}
