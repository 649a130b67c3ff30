using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Accounts;
using Switchyard.Hosting.Cli;

namespace Switchyard.FunctionalTests.Accounts;

public sealed class StoreTests
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task DataDirectory_HoldsNoPlaintextToken_AndEveryFileIsOwnerOnly()
    {
        await using var h = await AccountsHarness.StartAsync();
        var login = await h.RunCliAsync(["accounts", "login"], configure: s => s.AddSingleton<IBrowserLauncher>(new FollowingBrowser()));
        Assert.True(login.Exit == 0, login.Error);
        await h.ImportAsync(AccountsHarness.GraceRefresh);
        var app = await h.StartGatewayAsync();
        var registry = app.Services.GetRequiredService<AccountRegistry>();
        var tokens = app.Services.GetRequiredService<TokenManager>();
        await registry.ReloadIfChangedAsync(TestContext.Current.CancellationToken); // the server's watch connection keeps the WAL open
        string[] accessTokens = [.. await Task.WhenAll(registry.Current.Accounts.Select(async a => (await tokens.GetAccessTokenAsync(a.Id, TestContext.Current.CancellationToken)).Token!.Value))];
        var secrets = new List<string>(accessTokens);
        secrets.AddRange(await RefreshTokensAsync(h));

        var files = Directory.GetFiles(h.DataDir, "*", SearchOption.AllDirectories);
        Assert.Equal(4, secrets.Count);
        Assert.Contains(AccountsHarness.GraceRefresh, secrets);
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            var latin = Encoding.Latin1.GetString(bytes);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, latin, StringComparison.Ordinal);
                Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), latin, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
            }

            Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(h.DataDir) & (UnixFileMode)0x1FF);
    }

    [Fact]
    public async Task RunningServer_SeesAccountAddedByASecondProcess_AndDisabledAndRemovedByTheCli()
    {
        await using var h = await AccountsHarness.StartAsync();
        h.Settings["Accounts:ReloadIntervalSeconds"] = "1";
        var app = await h.StartGatewayAsync();
        var registry = app.Services.GetRequiredService<AccountRegistry>();
        Assert.Empty(registry.Current.Accounts);

        // A true second process: the published switchyard.dll.
        var exit = await RunSecondProcessAsync(h, ["accounts", "import", "--refresh-token", AccountsHarness.AdaRefresh]);
        Assert.Equal(0, exit);
        var added = await AdvanceUntilAsync(h, registry, s => s.Accounts.Any(a => a.Email == AccountsHarness.Ada));

        await h.RunCliAsync(["accounts", "disable", AccountsHarness.Ada]);
        var disabled = await AdvanceUntilAsync(h, registry, s => s.Accounts.Single().Enabled == false);
        await h.RunCliAsync(["accounts", "remove", AccountsHarness.Ada]);
        var removed = await AdvanceUntilAsync(h, registry, s => s.Accounts.Count == 0);

        Assert.Equal(AccountsHarness.Ada, added.Accounts.Single().Email);
        Assert.Equal("disabled with 'switchyard accounts disable'", disabled.Accounts.Single().DisabledReason);
        Assert.Empty(removed.Accounts);
    }

    [Fact]
    public async Task Import_WhileAnotherConnectionHoldsTheWriteLock_ClearErrorAndStoreUnchanged()
    {
        await using var h = await AccountsHarness.StartAsync();
        await h.ImportAsync();
        h.Settings["Storage:BusyTimeoutSeconds"] = "0";
        var before = (await h.ListAsync()).ToJsonString();
        await using (var locker = new SqliteConnection($"Data Source={Path.Combine(h.DataDir, "switchyard.db")};Pooling=False"))
        {
            await locker.OpenAsync(TestContext.Current.CancellationToken);
            await using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

            var run = await h.RunCliAsync(["accounts", "import", "--refresh-token", AccountsHarness.GraceRefresh]);

            Assert.Equal(1, run.Exit);
            Assert.Contains("database is locked", run.Error, StringComparison.Ordinal);
            begin.CommandText = "ROLLBACK";
            await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(before, (await h.ListAsync()).ToJsonString());
    }

    /// <summary>Every stored refresh token, read through a plain export written outside the data directory.</summary>
    private static async Task<IEnumerable<string>> RefreshTokensAsync(AccountsHarness h)
    {
        var file = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        try
        {
            var run = await h.RunCliAsync(["accounts", "export", file, "--plain", "--yes-i-understand"]);
            Assert.True(run.Exit == 0, run.Error);
            var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
            return [.. json["accounts"]!.AsArray().Select(a => (string)a!["refreshToken"]!)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Advances the server's clock one reload interval at a time until the registry shows what is expected.</summary>
    private static async Task<AccountSnapshot> AdvanceUntilAsync(AccountsHarness h, AccountRegistry registry, Func<AccountSnapshot, bool> expected)
    {
        for (var i = 0; i < 5 && !expected(registry.Current); i++)
        {
            var next = registry.NextChangeAsync();
            h.Time.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await next.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                // The poll found nothing new; advance again.
            }
        }

        Assert.True(expected(registry.Current), "The running server did not pick up the change.");
        return registry.Current;
    }

    private static async Task<int> RunSecondProcessAsync(AccountsHarness h, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(SwitchyardCli).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(h.DataDir);
        foreach (var (key, value) in h.Settings)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add($"{key}={value}");
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await stderr);
        return process.ExitCode;
    }
}
