using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Foundation;
using Switchyard.FrontDoors;
using Switchyard.Hosting.Cli;
using Switchyard.Models;
using Switchyard.Quota;

namespace Switchyard.Hosting.Connect;

/// <summary>
/// <c>switchyard connect claude-code|opencode|codex|gemini-cli|env [--write] [--path P] [--model M] [--gateway-url URL] [--api-key KEY] [--show-key]</c>:
/// prints (or merges into the client's file) what a client needs to use the gateway. The key is hidden in
/// printed output unless <c>--show-key</c>; written files hold it and are owner-only.
/// </summary>
internal static class ConnectCommand
{
    public const string HiddenKey = "<hidden: add --show-key>";
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var client = new Argument<string>("client") { Description = "claude-code, opencode, codex, gemini-cli or env" };
        client.AcceptOnlyFromAmong("claude-code", "opencode", "codex", "gemini-cli", "env");
        var write = new Option<bool>("--write")
        {
            Description = "Merge into the client's file instead of printing (claude-code: ~/.claude/settings.json; opencode: ./opencode.json; "
                + "codex: $CODEX_HOME/config.toml or ~/.codex/config.toml; gemini-cli: ~/.gemini/settings.json and ~/.gemini/.env; env: ./switchyard.env)",
        };
        var model = new Option<string?>("--model") { Description = "Model a client starts with (codex, gemini-cli; default: a Claude thinking model for codex, a Gemini 3 model for gemini-cli)" };
        var path = new Option<string?>("--path") { Description = "File to write with --write instead of the default" };
        var gatewayUrl = new Option<string?>("--gateway-url") { Description = "Gateway URL clients use (default: from Server:Host and Server:Port)" };
        var apiKey = new Option<string?>("--api-key") { Description = "Key clients send (default: the first of Auth:ApiKeys, or a placeholder when none is configured)" };
        var showKey = new Option<bool>("--show-key") { Description = "Print the API key instead of hiding it" };
        var statusLine = new Option<bool>("--statusline")
        {
            Description = "claude-code: also set Claude Code's status line to `switchyard statusline` (the pool's quota in one line)",
        };
        var command = new Command("connect", "Print or write the configuration that points Claude Code, opencode, Codex, Gemini CLI or SDKs (env) at this gateway.")
        {
            client, write, path, model, gatewayUrl, apiKey, showKey, statusLine,
        };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var target = ConnectTarget.Resolve(
                parse.GetValue(gatewayUrl),
                parse.GetValue(apiKey),
                services.GetRequiredService<IOptions<ServerOptions>>().Value,
                services.GetRequiredService<IOptions<AuthOptions>>().Value,
                out var error);
            if (target is null)
            {
                await context.Error.WriteLineAsync(error);
                return 2;
            }

            var file = parse.GetValue(path);
            if (file is not null && !parse.GetValue(write))
            {
                await context.Error.WriteLineAsync("--path is only used with --write.");
                return 2;
            }

            // What the pool really serves (the accounts' stored catalogues), or the built-in list before any was read.
            var quota = services.GetRequiredService<QuotaService>();
            await services.GetRequiredService<AccountRegistry>().ReloadAsync(cancellationToken);
            await quota.LoadStoredAsync(cancellationToken);
            var models = services.GetRequiredService<ModelCatalogView>().Live(quota.ServedModels());
            var name = parse.GetValue(client)!;
            var chosen = parse.GetValue(model) is { Length: > 0 } m ? m : ConnectProfiles.DefaultModel(name, models);
            var withStatusLine = parse.GetValue(statusLine) && name == "claude-code";
            if (parse.GetValue(write))
            {
                var written = await WriteAsync(name, target, file, models, chosen, context, withStatusLine);
                if (written == 0 && name == "claude-code" && !withStatusLine)
                {
                    await context.Output.WriteLineAsync("Tip: show the pool's quota in Claude Code's status line: switchyard connect claude-code --write --statusline");
                }

                return written;
            }

            var shown = target.KeyIsSecret && !parse.GetValue(showKey) ? HiddenKey : target.ApiKey;
            var rendered = Render(name, target, shown, models, chosen);
            if (withStatusLine)
            {
                var document = JsonNode.Parse(rendered)!.AsObject();
                document["statusLine"] = StatusLineCommand.ClaudeCodeSetting();
                rendered = document.ToJsonString(s_indented) + "\n";
            }

            await context.Output.WriteAsync(rendered);
            if (name is "claude-code" or "opencode" && !withStatusLine)
            {
                await context.Error.WriteLineAsync(name == "claude-code"
                    ? "Add --statusline to show the pool's quota in Claude Code's status line (switchyard statusline)."
                    : "For a quota line in your prompt or tmux status, run: switchyard statusline");
            }

            if (shown == HiddenKey)
            {
                await context.Error.WriteLineAsync($"The API key ({target.KeySource}) is hidden; add --show-key to print it, or --write to put it in the client's file.");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The printed form: export lines (env), a JSON document (claude-code settings, opencode.json), Codex's config.toml,
    /// or Gemini CLI's settings.json followed by its .env lines.
    /// </summary>
    public static string Render(string client, ConnectTarget target, string key, IReadOnlyList<ModelCatalogEntry> models, string model) => client switch
    {
        "codex" => "# " + CodexConfig.DefaultPath() + "\n" + CodexConfig.Merge("", target, key, model),
        "gemini-cli" => "// " + GeminiCliConfig.DefaultSettingsPath() + "\n" + GeminiCliConfig.Settings(model).ToJsonString(s_indented) + "\n\n"
            + "# " + GeminiCliConfig.EnvPath(GeminiCliConfig.DefaultSettingsPath()) + " (or export them)\n"
            + ConnectFiles.ExportLines(GeminiCliConfig.Environment(target, key)),
        "claude-code" => new JsonObject { ["env"] = ToJson(ConnectProfiles.ClaudeCode(target, key)) }.ToJsonString(s_indented) + "\n",
        "opencode" => new JsonObject
        {
            ["$schema"] = "https://opencode.ai/config.json",
            ["provider"] = ConnectProfiles.OpencodeProviders(target, key, models),
        }.ToJsonString(s_indented) + "\n",
        _ => ConnectFiles.ExportLines(ConnectProfiles.Environment(target, key)),
    };

    private static async Task<int> WriteAsync(string client, ConnectTarget target, string? file, IReadOnlyList<ModelCatalogEntry> models, string model, CliContext context, bool statusLine)
    {
        string path;
        string what;
        switch (client)
        {
            case "claude-code":
                path = Path.GetFullPath(file ?? ConnectFiles.DefaultClaudeSettingsPath());
                ConnectFiles.MergeClaudeSettings(path, ConnectProfiles.ClaudeCode(target, target.ApiKey), statusLine ? StatusLineCommand.ClaudeCodeSetting() : null);
                what = "env " + string.Join(", ", ConnectProfiles.ClaudeCode(target, target.ApiKey).Select(v => v.Key)) + (statusLine ? ", statusLine" : "");
                break;
            case "opencode":
                path = Path.GetFullPath(file ?? "opencode.json");
                var providers = ConnectProfiles.OpencodeProviders(target, target.ApiKey, models);
                ConnectFiles.MergeOpencode(path, providers);
                what = "providers " + string.Join(", ", providers.Select(p => $"{p.Key} ({(p.Value?["models"] as JsonObject)?.Count ?? 0} models)"));
                break;
            case "codex":
                path = Path.GetFullPath(file ?? CodexConfig.DefaultPath());
                ConnectFiles.MergeCodex(path, target, target.ApiKey, model);
                what = $"provider {CodexConfig.Provider} (wire_api responses, model {model}), analytics and plugins off";
                break;
            case "gemini-cli":
                path = Path.GetFullPath(file ?? GeminiCliConfig.DefaultSettingsPath());
                var variables = GeminiCliConfig.Environment(target, target.ApiKey);
                ConnectFiles.MergeGeminiCli(path, GeminiCliConfig.Settings(model), variables);
                what = $"API-key auth, model {model}, statistics and telemetry off; {GeminiCliConfig.EnvPath(path)}: " + string.Join(", ", variables.Select(v => v.Key));
                break;
            default:
                path = Path.GetFullPath(file ?? "switchyard.env");
                ConnectFiles.WriteEnvironment(path, ConnectProfiles.Environment(target, target.ApiKey));
                what = "exports " + string.Join(", ", ConnectProfiles.Environment(target, target.ApiKey).Select(v => v.Key));
                break;
        }

        await context.Output.WriteLineAsync($"Wrote {path} (owner-only): {what}; gateway {target.GatewayUrl}, key from {target.KeySource}.");
        switch (client)
        {
            case "opencode":
                await context.Output.WriteLineAsync($"Try: opencode run -m {ConnectProfiles.AnthropicProvider}/claude-sonnet-4-5 \"hello\"");
                break;
            case "codex":
                await context.Output.WriteLineAsync("Try: codex exec --skip-git-repo-check \"hello\" </dev/null");
                break;
            case "gemini-cli":
                await context.Output.WriteLineAsync("Try: gemini -p \"hello\" </dev/null");
                break;
        }

        return 0;
    }

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var env = new JsonObject();
        foreach (var (name, value) in variables)
        {
            env[name] = value;
        }

        return env;
    }
}
