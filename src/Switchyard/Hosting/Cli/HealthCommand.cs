using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Cli;

/// <summary>
/// <c>switchyard health</c>: asks a running gateway's <c>/healthz</c> (the configured port on loopback, or <c>--url</c>);
/// exit 0 when it answers 200. The container image's health check, with no curl in the image.
/// </summary>
internal static class HealthCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Option<string?>("--url") { Description = "Health URL (default http://127.0.0.1:<Server:Port>/healthz)" };
        var command = new Command("health", "Check that a running gateway answers /healthz (exit 0 when healthy).") { url };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var port = services.GetRequiredService<IOptions<ServerOptions>>().Value.Port;
            var target = parse.GetValue(url) ?? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/healthz");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(target, cancellationToken);
                await context.Output.WriteLineAsync($"{target}: {(int)response.StatusCode}");
                return response.IsSuccessStatusCode ? CliExit.Ok : CliExit.Failure;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync($"{target}: {ex.Message}");
                return CliExit.Failure;
            }
        }));
        return command;
    }
}
