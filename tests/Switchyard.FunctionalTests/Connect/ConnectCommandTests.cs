using System.Text.Json.Nodes;
using Switchyard.Hosting.Cli;
using Switchyard.Hosting.Connect;

namespace Switchyard.FunctionalTests.Connect;

public sealed class ConnectCommandTests : IDisposable
{
    private const string Key = "sk-connect-test-9f3a";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("switchyard-connect-").FullName;
    private readonly string _work = Directory.CreateTempSubdirectory("switchyard-connect-work-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dataDir, recursive: true);
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task ConnectEnv_ConfiguredPortAndKey_ExportsEveryClientVariableWithKeyHidden()
    {
        var (code, output, error) = await RunAsync("connect", "env", "--set", "Server:Port=9123");

        Assert.Equal(0, code);
        var exports = Exports(output);
        Assert.Equal("http://127.0.0.1:9123", exports["ANTHROPIC_BASE_URL"]);
        Assert.Equal("http://127.0.0.1:9123/v1", exports["OPENAI_BASE_URL"]);
        Assert.Equal("http://127.0.0.1:9123", exports["GOOGLE_GEMINI_BASE_URL"]);
        Assert.Equal("1", exports["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"]);
        Assert.All(new[] { "ANTHROPIC_AUTH_TOKEN", "OPENAI_API_KEY", "GEMINI_API_KEY" }, k => Assert.Equal(ConnectCommand.HiddenKey, exports[k]));
        Assert.DoesNotContain(Key, output + error, StringComparison.Ordinal);
        Assert.Contains("--show-key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectEnv_ShowKey_PrintsFirstConfiguredKey()
    {
        var (code, output, _) = await RunAsync("connect", "env", "--show-key");

        Assert.Equal(0, code);
        var exports = Exports(output);
        Assert.Equal(Key, exports["ANTHROPIC_AUTH_TOKEN"]);
        Assert.Equal(Key, exports["OPENAI_API_KEY"]);
        Assert.Equal(Key, exports["GEMINI_API_KEY"]);
    }

    [Fact]
    public async Task ConnectEnv_NoKeysConfigured_PrintsPlaceholderOpenly()
    {
        var (code, output, error) = await RunAsync(withKey: false, "connect", "env");

        Assert.Equal(0, code);
        Assert.Equal(ConnectTarget.PlaceholderKey, Exports(output)["OPENAI_API_KEY"]);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task ConnectClaudeCode_GatewayUrlGiven_PrintsSettingsEnvBlockWithThatOrigin()
    {
        var (code, output, _) = await RunAsync("connect", "claude-code", "--gateway-url", "http://gw.example:7000/", "--show-key");

        Assert.Equal(0, code);
        var env = JsonNode.Parse(output)!["env"]!.AsObject();
        Assert.Equal("http://gw.example:7000", (string?)env["ANTHROPIC_BASE_URL"]);
        Assert.Equal(Key, (string?)env["ANTHROPIC_AUTH_TOKEN"]);
        Assert.Equal("1", (string?)env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"]);
    }

    [Fact]
    public async Task ConnectOpencode_Printed_OneProviderPerProtocolWithItsPathAndModels()
    {
        var (code, output, _) = await RunAsync("connect", "opencode", "--set", "Server:Host=0.0.0.0", "--set", "Server:Port=8100");

        Assert.Equal(0, code);
        var providers = JsonNode.Parse(output)!["provider"]!.AsObject();
        AssertProvider(providers, "switchyard-anthropic", "@ai-sdk/anthropic", "http://127.0.0.1:8100/v1", ConnectCommand.HiddenKey);
        AssertProvider(providers, "switchyard-openai", "@ai-sdk/openai-compatible", "http://127.0.0.1:8100/v1", ConnectCommand.HiddenKey);
        AssertProvider(providers, "switchyard-google", "@ai-sdk/google", "http://127.0.0.1:8100/v1beta", ConnectCommand.HiddenKey);
        var anthropicModels = providers["switchyard-anthropic"]!["models"]!.AsObject();
        var googleModels = providers["switchyard-google"]!["models"]!.AsObject();
        var openaiModels = providers["switchyard-openai"]!["models"]!.AsObject();
        Assert.Contains("claude-sonnet-4-5", anthropicModels.Select(m => m.Key));
        Assert.All(anthropicModels, m => Assert.StartsWith("claude", m.Key, StringComparison.Ordinal));
        Assert.Contains("gemini-2.5-flash", googleModels.Select(m => m.Key));
        Assert.Contains("claude-opus-4-6-thinking", googleModels.Select(m => m.Key));
        Assert.All(googleModels, m => Assert.True(m.Key.StartsWith("gemini", StringComparison.Ordinal) || m.Key.StartsWith("claude", StringComparison.Ordinal), m.Key));
        Assert.Contains("gpt-oss-120b", openaiModels.Select(m => m.Key));
        Assert.Contains("claude-sonnet-4-5", openaiModels.Select(m => m.Key));
        var sonnet = anthropicModels["claude-sonnet-4-5"]!;
        Assert.True((bool)sonnet["tool_call"]!);
        Assert.Equal(200_000, (int)sonnet["limit"]!["context"]!);
        Assert.True((int)sonnet["limit"]!["output"]! > 0);
    }

    [Fact]
    public async Task ConnectOpencodeWrite_ExistingFile_KeepsOtherKeysAndProvidersAndWritesOwnerOnly()
    {
        var path = Path.Combine(_work, "opencode.json");
        await File.WriteAllTextAsync(path, """
            {
              // the user's own settings
              "model": "mine/model-a",
              "provider": { "mine": { "npm": "@ai-sdk/openai-compatible", "options": { "baseURL": "http://other" } },
                            "switchyard-google": { "npm": "stale" } },
            }
            """, TestContext.Current.CancellationToken);

        var (code, output, _) = await RunAsync("connect", "opencode", "--write", "--path", path, "--gateway-url", "http://127.0.0.1:18001");

        Assert.Equal(0, code);
        Assert.Contains(path, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, output, StringComparison.Ordinal);
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        Assert.Equal("mine/model-a", (string?)root["model"]);
        var providers = root["provider"]!.AsObject();
        Assert.Equal("http://other", (string?)providers["mine"]!["options"]!["baseURL"]);
        AssertProvider(providers, "switchyard-google", "@ai-sdk/google", "http://127.0.0.1:18001/v1beta", Key);
        AssertProvider(providers, "switchyard-anthropic", "@ai-sdk/anthropic", "http://127.0.0.1:18001/v1", Key);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task ConnectClaudeCodeWrite_Statusline_SetsTheStatusLineCommandAndOffersItOtherwise()
    {
        var path = Path.Combine(_work, "claude", "settings.json");

        var (plain, plainOutput, _) = await RunAsync("connect", "claude-code", "--write", "--path", path, "--api-key", "sk-given");
        Assert.Equal(0, plain);
        Assert.Contains("--statusline", plainOutput, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!["statusLine"]);

        var (code, _, _) = await RunAsync("connect", "claude-code", "--write", "--path", path, "--api-key", "sk-given", "--statusline");

        Assert.Equal(0, code);
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        Assert.Equal("command", (string?)root["statusLine"]!["type"]);
        Assert.Equal("switchyard statusline", (string?)root["statusLine"]!["command"]);
        Assert.Equal("sk-given", (string?)root["env"]!["ANTHROPIC_AUTH_TOKEN"]);
    }

    [Fact]
    public async Task ConnectClaudeCodeWrite_ExistingSettings_MergesEnvBlockKeepingOtherSettings()
    {
        var path = Path.Combine(_work, "claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, """{"theme":"dark","env":{"MY_VAR":"kept","ANTHROPIC_BASE_URL":"http://old"}}""", TestContext.Current.CancellationToken);

        var (code, _, _) = await RunAsync("connect", "claude-code", "--write", "--path", path, "--api-key", "sk-given", "--gateway-url", "http://127.0.0.1:18002");

        Assert.Equal(0, code);
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        Assert.Equal("dark", (string?)root["theme"]);
        var env = root["env"]!.AsObject();
        Assert.Equal("kept", (string?)env["MY_VAR"]);
        Assert.Equal("http://127.0.0.1:18002", (string?)env["ANTHROPIC_BASE_URL"]);
        Assert.Equal("sk-given", (string?)env["ANTHROPIC_AUTH_TOKEN"]);
        Assert.Equal("1", (string?)env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task ConnectEnvWrite_Path_WritesSourceableExportsWithKey()
    {
        var path = Path.Combine(_work, "gw.env");

        var (code, output, _) = await RunAsync("connect", "env", "--write", "--path", path);

        Assert.Equal(0, code);
        Assert.DoesNotContain(Key, output, StringComparison.Ordinal);
        var exports = Exports(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(Key, exports["OPENAI_API_KEY"]);
        Assert.Equal("http://127.0.0.1:8045/v1", exports["OPENAI_BASE_URL"]);
    }

    [Fact]
    public async Task ConnectOpencodeWrite_FileNotAnObject_FailsAndLeavesItUnchanged()
    {
        var path = Path.Combine(_work, "opencode.json");
        await File.WriteAllTextAsync(path, "[1, 2]", TestContext.Current.CancellationToken);

        var (code, _, error) = await RunAsync("connect", "opencode", "--write", "--path", path);

        Assert.Equal(1, code);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
        Assert.Equal("[1, 2]", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("ftp://host:1")]
    [InlineData("not a url")]
    public async Task Connect_BadGatewayUrl_ExitsTwoNamingIt(string url)
    {
        var (code, output, error) = await RunAsync("connect", "env", "--gateway-url", url);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--gateway-url", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_UnknownClient_IsRejected()
    {
        var (code, output, _) = await RunAsync("connect", "vscode");

        Assert.NotEqual(0, code);
        Assert.DoesNotContain("export", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("::", "[::1]")]
    [InlineData("::1", "[::1]")]
    [InlineData("gateway.lan", "gateway.lan")]
    public void ClientHost_BindAddress_IsWhatAClientDials(string host, string expected) =>
        Assert.Equal(expected, ConnectTarget.ClientHost(host));

    private static void AssertProvider(JsonObject providers, string name, string npm, string baseUrl, string key)
    {
        var provider = providers[name]!.AsObject();
        Assert.Equal(npm, (string?)provider["npm"]);
        Assert.Equal(baseUrl, (string?)provider["options"]!["baseURL"]);
        Assert.Equal(key, (string?)provider["options"]!["apiKey"]);
        Assert.NotEmpty(provider["models"]!.AsObject());
    }

    private static Dictionary<string, string> Exports(string text) =>
        text.Split('\n')
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunAsync(withKey: true, args);

    private async Task<(int Code, string Output, string Error)> RunAsync(bool withKey, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] keyArgs = withKey ? ["--set", "Auth:ApiKeys:0:Name=test", "--set", "Auth:ApiKeys:0:Key=" + Key] : [];
        var code = await SwitchyardCli.RunAsync([.. args, "--data-dir", _dataDir, .. keyArgs], output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
