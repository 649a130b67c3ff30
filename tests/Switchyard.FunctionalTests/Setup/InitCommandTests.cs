using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Switchyard.Emulator;
using Switchyard.Hosting.Cli;

namespace Switchyard.FunctionalTests.Setup;

/// <summary><c>switchyard init</c> with flags, against the emulator's token endpoint.</summary>
public sealed class InitCommandTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("switchyard-init-").FullName;
    private EmulatorServer _emulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConfigPath => Path.Combine(_dataDir, "switchyard.json");

    public async ValueTask InitializeAsync() => _emulator = await EmulatorServer.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    private async Task<(int Exit, string Output, string Error)> InitAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] all = ["init", "--data-dir", _dataDir, "--set", $"OAuth:TokenUrl={_emulator.TokenUrl}", .. args];
        var exit = await SwitchyardCli.RunAsync(all, new CliContext(output, error, new StringReader("")), Ct);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Init_ValidClientAndFlags_WritesOwnerOnlyConfigThatServeAccepts()
    {
        var (exit, output, error) = await InitAsync(
            "--client-id", EmulatorOptions.DefaultClientId, "--client-secret", EmulatorOptions.DefaultClientSecret, "--port", "8123", "--api-key", "sk-init-test-key");

        Assert.True(exit == CliExit.Ok, error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(ConfigPath, Ct))!;
        Assert.Equal(EmulatorOptions.DefaultClientId, (string?)json["OAuth"]!["ClientId"]);
        Assert.Equal(EmulatorOptions.DefaultClientSecret, (string?)json["OAuth"]!["ClientSecret"]);
        Assert.Equal(8123, (int)json["Server"]!["Port"]!);
        Assert.Equal("sk-init-test-key", (string?)json["Auth"]!["ApiKeys"]![0]!["Key"]);
        Assert.Contains("switchyard accounts login", output, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatorOptions.DefaultClientSecret, output, StringComparison.Ordinal);
        var check = await SwitchyardCli.RunAsync(["accounts", "list", "--data-dir", _dataDir], new CliContext(TextWriter.Null, TextWriter.Null, new StringReader("")), Ct);
        Assert.Equal(CliExit.Ok, check);
    }

    [Fact]
    public async Task Init_UnknownClient_RefusedWithInvalidClientAndTheGuide_NothingWritten()
    {
        var (exit, _, error) = await InitAsync("--client-id", "nobody.apps.local", "--client-secret", "whatever");

        Assert.Equal(CliExit.Usage, exit);
        Assert.Contains("invalid_client", error, StringComparison.Ordinal);
        Assert.Contains("docs/google-oauth.md", error, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task Init_WrongSecret_RefusedNothingWritten()
    {
        var (exit, _, error) = await InitAsync("--client-id", EmulatorOptions.DefaultClientId, "--client-secret", "not-the-secret");

        Assert.Equal(CliExit.Usage, exit);
        Assert.Contains("secret does not match", error, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task Init_NoClientWithoutTerminal_SaysWhichFlagsAreNeeded()
    {
        var (exit, _, error) = await InitAsync("--port", "8123");

        Assert.Equal(CliExit.Usage, exit);
        Assert.Contains("--client-id and --client-secret are required", error, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task Init_InvalidPort_ListsTheStartupProblemNothingWritten()
    {
        var (exit, _, error) = await InitAsync("--client-id", "a", "--client-secret", "b", "--port", "70000", "--skip-check");

        Assert.Equal(CliExit.Usage, exit);
        Assert.Contains("Port", error, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task Init_ExistingFile_NeedsForceAndThenKeepsOtherSettings()
    {
        await File.WriteAllTextAsync(ConfigPath, """{"Quota":{"RefreshIntervalSeconds":600}}""", Ct);

        var refused = await InitAsync("--client-id", EmulatorOptions.DefaultClientId, "--client-secret", EmulatorOptions.DefaultClientSecret);
        var forced = await InitAsync("--client-id", EmulatorOptions.DefaultClientId, "--client-secret", EmulatorOptions.DefaultClientSecret, "--force");

        Assert.Equal(CliExit.Usage, refused.Exit);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.True(forced.Exit == CliExit.Ok, forced.Error);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(ConfigPath, Ct))!;
        Assert.Equal(600, (int)json["Quota"]!["RefreshIntervalSeconds"]!);
        Assert.Equal(EmulatorOptions.DefaultClientId, (string?)json["OAuth"]!["ClientId"]);
    }

    [Fact]
    public async Task Init_NonLoopbackHostWithoutAdminPassword_Refused()
    {
        var (exit, _, error) = await InitAsync(
            "--client-id", EmulatorOptions.DefaultClientId, "--client-secret", EmulatorOptions.DefaultClientSecret, "--host", "0.0.0.0", "--generate-api-key");

        Assert.Equal(CliExit.Usage, exit);
        Assert.Contains("no admin password is set", error, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }
}
