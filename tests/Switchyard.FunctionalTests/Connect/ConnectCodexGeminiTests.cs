using System.Text.Json.Nodes;
using Switchyard.Hosting.Cli;
using Switchyard.Hosting.Connect;

namespace Switchyard.FunctionalTests.Connect;

/// <summary><c>switchyard connect codex</c> and <c>switchyard connect gemini-cli</c>: printed and merged into the client's files.</summary>
public sealed class ConnectCodexGeminiTests : IDisposable
{
    private const string Key = "sk-connect-codex-4c2d";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("switchyard-connect-").FullName;
    private readonly string _work = Directory.CreateTempSubdirectory("switchyard-connect-work-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dataDir, recursive: true);
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task ConnectCodex_Printed_ResponsesProviderMadeDefaultWithKeyHidden()
    {
        var (code, output, error) = await RunAsync("connect", "codex", "--set", "Server:Port=9123");

        Assert.Equal(0, code);
        Assert.Contains("model_provider = \"switchyard\"", output, StringComparison.Ordinal);
        Assert.Contains("model = \"claude-opus-4-6-thinking\"", output, StringComparison.Ordinal);
        Assert.Contains("[model_providers.switchyard]\nname = \"Switchyard\"\nbase_url = \"http://127.0.0.1:9123/v1\"\nwire_api = \"responses\"", output, StringComparison.Ordinal);
        Assert.Contains($"experimental_bearer_token = \"{ConnectCommand.HiddenKey}\"", output, StringComparison.Ordinal);
        Assert.Contains("[analytics]\nenabled = false", output, StringComparison.Ordinal);
        Assert.Contains("[features]\nplugins = false\nunbounded_connection_retries = false", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectCodexWrite_ExistingConfig_MergedKeepingCommentsAndOtherTablesOwnerOnly()
    {
        var path = Path.Combine(_work, "codex", "config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, """
            # my settings
            model = "gpt-5.5"
            approval_policy = "never"
            notes = '''
            [not-a-table]
            '''

            [model_providers.other]
            name = "Other"

            [model_providers.switchyard]
            base_url = "http://old"
            stale = 1

            [features]
            web_search = true

            """, TestContext.Current.CancellationToken);

        var (code, output, _) = await RunAsync("connect", "codex", "--write", "--path", path, "--model", "gemini-3-flash", "--gateway-url", "http://127.0.0.1:18003");

        Assert.Equal(0, code);
        Assert.Contains(path, output, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.StartsWith("# my settings\nmodel = \"gemini-3-flash\"\napproval_policy = \"never\"\nnotes = '''\n[not-a-table]\n'''\nmodel_provider = \"switchyard\"\n", text, StringComparison.Ordinal);
        Assert.Contains("[model_providers.other]\nname = \"Other\"", text, StringComparison.Ordinal);
        Assert.Contains("[model_providers.switchyard]\nname = \"Switchyard\"\nbase_url = \"http://127.0.0.1:18003/v1\"\nwire_api = \"responses\"\n"
            + $"experimental_bearer_token = \"{Key}\"\n\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stale", text, StringComparison.Ordinal);
        Assert.Contains("[features]\nweb_search = true\nplugins = false\nunbounded_connection_retries = false", text, StringComparison.Ordinal);
        Assert.Contains("[profiles.switchyard]\nmodel = \"gemini-3-flash\"\nmodel_provider = \"switchyard\"", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l == "[model_providers.switchyard]");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var (again, _, _) = await RunAsync("connect", "codex", "--write", "--path", path, "--model", "gemini-3-flash", "--gateway-url", "http://127.0.0.1:18003");
        Assert.Equal(0, again);
        Assert.Equal(text, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConnectCodexWrite_FeaturesAsDottedKeys_FailsAndLeavesTheFileUnchanged()
    {
        var path = Path.Combine(_work, "config.toml");
        const string original = "features.plugins = true\n";
        await File.WriteAllTextAsync(path, original, TestContext.Current.CancellationToken);

        var (code, _, error) = await RunAsync("connect", "codex", "--write", "--path", path);

        Assert.NotEqual(0, code);
        Assert.Contains("[features]", error, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConnectGeminiCli_Printed_SettingsThenEnvironmentWithKeyHidden()
    {
        var (code, output, error) = await RunAsync("connect", "gemini-cli", "--gateway-url", "http://127.0.0.1:18004");

        Assert.Equal(0, code);
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..(output.LastIndexOf('}') + 1)];
        var settings = JsonNode.Parse(json)!;
        Assert.Equal("gemini-api-key", (string)settings["security"]!["auth"]!["selectedType"]!);
        Assert.Equal("gemini-3.1-pro-low", (string)settings["model"]!["name"]!);
        Assert.False((bool)settings["privacy"]!["usageStatisticsEnabled"]!);
        Assert.Contains("export GOOGLE_GEMINI_BASE_URL='http://127.0.0.1:18004'", output, StringComparison.Ordinal);
        Assert.Contains($"export GEMINI_API_KEY='{ConnectCommand.HiddenKey}'", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectGeminiCliWrite_ExistingSettingsAndEnv_MergedOwnerOnly()
    {
        var dir = Path.Combine(_work, ".gemini");
        Directory.CreateDirectory(dir);
        var settingsPath = Path.Combine(dir, "settings.json");
        var envPath = Path.Combine(dir, ".env");
        await File.WriteAllTextAsync(settingsPath, """
            // comments are accepted
            {"ui":{"theme":"Dracula"},"security":{"auth":{"selectedType":"oauth-personal"},"folderTrust":{"enabled":true}}}
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(envPath, "OTHER=1\nexport GEMINI_API_KEY=old\n\n", TestContext.Current.CancellationToken);

        var (code, output, _) = await RunAsync("connect", "gemini-cli", "--write", "--path", settingsPath, "--model", "gemini-pro-agent", "--gateway-url", "http://127.0.0.1:18005");

        Assert.Equal(0, code);
        Assert.Contains(".env", output, StringComparison.Ordinal);
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath, TestContext.Current.CancellationToken))!;
        Assert.Equal("Dracula", (string)settings["ui"]!["theme"]!);
        Assert.Equal("gemini-api-key", (string)settings["security"]!["auth"]!["selectedType"]!);
        Assert.True((bool)settings["security"]!["folderTrust"]!["enabled"]!);
        Assert.Equal("gemini-pro-agent", (string)settings["model"]!["name"]!);
        Assert.False((bool)settings["telemetry"]!["enabled"]!);
        Assert.Equal(
            $"OTHER=1\nGOOGLE_GEMINI_BASE_URL='http://127.0.0.1:18005'\nGEMINI_API_KEY='{Key}'\nGEMINI_CLI_NO_RELAUNCH='true'\n",
            await File.ReadAllTextAsync(envPath, TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(settingsPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(envPath));
        }
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SwitchyardCli.RunAsync(
            [.. args, "--data-dir", _dataDir, "--set", "Auth:ApiKeys:0:Name=test", "--set", "Auth:ApiKeys:0:Key=" + Key],
            output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
