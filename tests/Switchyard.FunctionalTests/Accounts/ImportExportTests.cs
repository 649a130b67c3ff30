using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.Accounts;

public sealed class ImportExportTests
{
    private static string PluginFile(int version) => $$"""
        {"version": {{version}}, "activeIndex": 0, "activeIndexByFamily": {"claude": 0, "gemini": 0}, "accounts": [
          {"email": "ada@example.com", "refreshToken": "{{AccountsHarness.AdaRefresh}}|user-proj|ada-managed", "addedAt": 1750000000000, "lastUsed": 1750000000000, "enabled": true},
          {"email": "grace@example.com", "refreshToken": "{{AccountsHarness.GraceRefresh}}", "projectId": "grace-proj", "addedAt": 1750000000000, "lastUsed": 1750000000000, "enabled": false}
        ]}
        """;

    private const string ManagerFile = $$"""
        {"id": "5f0c", "email": "ada@example.com", "name": "Ada",
         "token": {"access_token": "ya29.stale", "refresh_token": "{{AccountsHarness.AdaRefresh}}", "expires_in": 3599, "expiry_timestamp": 1750003599, "token_type": "Bearer", "project_id": "ada-from-manager"},
         "quota": {"subscription_tier": "Google AI Ultra"}, "disabled": false, "created_at": 1750000000, "last_used": 1750000000}
        """;

    private static async Task<(AccountsHarness Harness, string File)> WithFileAsync(string content)
    {
        var h = await AccountsHarness.StartAsync();
        var file = Path.Combine(h.DataDir, "..", Path.GetRandomFileName() + ".json");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        return (h, Path.GetFullPath(file));
    }

    private static async Task<Dictionary<string, string>> ExportedTokensAsync(AccountsHarness h)
    {
        var file = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        try
        {
            var run = await h.RunCliAsync(["accounts", "export", file, "--plain", "--yes-i-understand"]);
            Assert.True(run.Exit == 0, run.Error);
            return JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!["accounts"]!.AsArray()
                .ToDictionary(a => (string)a!["email"]!, a => (string)a!["refreshToken"]!);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The imported accounts export with the expected tokens; exported encrypted, imports that into a fresh data directory: same accounts and tokens.</summary>
    private static async Task AssertRoundTripAsync(AccountsHarness h, IReadOnlyDictionary<string, string> expectedTokens)
    {
        Assert.Equal(expectedTokens.OrderBy(p => p.Key), (await ExportedTokensAsync(h)).OrderBy(p => p.Key));
        var export = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        Environment.SetEnvironmentVariable("SWITCHYARD_TEST_PASSPHRASE", "correct horse battery");
        try
        {
            var run = await h.RunCliAsync(["accounts", "export", export, "--passphrase-env", "SWITCHYARD_TEST_PASSPHRASE"]);
            Assert.True(run.Exit == 0, run.Error);
            var exported = await File.ReadAllTextAsync(export, TestContext.Current.CancellationToken);
            Assert.All(expectedTokens.Values, t => Assert.DoesNotContain(t, exported, StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(export));
            }

            await using var other = await AccountsHarness.StartAsync();
            var imported = await other.RunCliAsync(["accounts", "import", export, "--passphrase-env", "SWITCHYARD_TEST_PASSPHRASE"]);
            Assert.True(imported.Exit == 0, imported.Error);
            Assert.Equal(expectedTokens.OrderBy(p => p.Key), (await ExportedTokensAsync(other)).OrderBy(p => p.Key));
            Assert.Equal(
                (await h.ListAsync()).Select(a => $"{a!["email"]} {a["projectId"]} {a["tier"]} {a["enabled"]}").Order(StringComparer.Ordinal),
                (await other.ListAsync()).Select(a => $"{a!["email"]} {a["projectId"]} {a["tier"]} {a["enabled"]}").Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(export);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Import_PluginAccountsFile_RoundTrips(int version)
    {
        var (h, file) = await WithFileAsync(PluginFile(version));
        await using var _ = h;

        var run = await h.RunCliAsync(["accounts", "import", file]);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains($"antigravity-accounts.json v{version}", run.Output, StringComparison.Ordinal);
        var accounts = (await h.ListAsync()).ToDictionary(a => (string)a!["email"]!);
        Assert.Equal("ada-managed", (string?)accounts[AccountsHarness.Ada]!["projectId"]);
        Assert.False((bool)accounts[AccountsHarness.Grace]!["enabled"]!);
        await AssertRoundTripAsync(h, new Dictionary<string, string> { [AccountsHarness.Ada] = AccountsHarness.AdaRefresh, [AccountsHarness.Grace] = AccountsHarness.GraceRefresh });
    }

    [Fact]
    public async Task Import_ManagerAccountFile_RoundTrips()
    {
        var (h, file) = await WithFileAsync(ManagerFile);
        await using var _ = h;

        var run = await h.RunCliAsync(["accounts", "import", file]);

        Assert.True(run.Exit == 0, run.Error);
        var account = Assert.Single(await h.ListAsync())!;
        Assert.Equal(("ada-from-manager", "ULTRA"), ((string?)account["projectId"], (string?)account["tier"]));
        await AssertRoundTripAsync(h, new Dictionary<string, string> { [AccountsHarness.Ada] = AccountsHarness.AdaRefresh });
    }

    [Fact]
    public async Task Import_ManagerAccountsFolder_ImportsEveryFile()
    {
        await using var h = await AccountsHarness.StartAsync();
        var folder = Directory.CreateTempSubdirectory("manager-accounts-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.json"), ManagerFile, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "b.json"), ManagerFile.Replace("ada@example.com", "grace@example.com", StringComparison.Ordinal)
            .Replace(AccountsHarness.AdaRefresh, AccountsHarness.GraceRefresh, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var run = await h.RunCliAsync(["accounts", "import", folder]);

        Directory.Delete(folder, recursive: true);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(2, (await h.ListAsync()).Count);
    }

    [Fact]
    public async Task Import_BareRefreshToken_LearnsEmailProjectAndTierFromGoogle_AndRoundTrips()
    {
        var (h, file) = await WithFileAsync(AccountsHarness.GraceRefresh + "\n");
        await using var _ = h;

        var run = await h.RunCliAsync(["accounts", "import", file]);

        Assert.True(run.Exit == 0, run.Error);
        var account = Assert.Single(await h.ListAsync())!;
        Assert.Equal((AccountsHarness.Grace, "PRO"), ((string?)account["email"], (string?)account["tier"]));
        Assert.False(string.IsNullOrEmpty((string?)account["projectId"]));
        await AssertRoundTripAsync(h, new Dictionary<string, string> { [AccountsHarness.Grace] = AccountsHarness.GraceRefresh });
    }

    [Fact]
    public async Task Import_RefreshTokenDash_ReadsTheTokenFromStandardInput()
    {
        await using var h = await AccountsHarness.StartAsync();

        var run = await h.RunCliAsync(["accounts", "import", "--refresh-token", "-"], input: AccountsHarness.GraceRefresh + "\n");
        var empty = await h.RunCliAsync(["accounts", "import", "--refresh-token", "-"], input: "  \n");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(AccountsHarness.Grace, (string?)Assert.Single(await h.ListAsync())!["email"]);
        Assert.Equal(2, empty.Exit);
        Assert.Contains("standard input", empty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Duplicate_MergesByEmail()
    {
        var (h, file) = await WithFileAsync(PluginFile(4));
        await using var _ = h;
        await h.RunCliAsync(["accounts", "import", file]);
        await File.WriteAllTextAsync(file, ManagerFile, TestContext.Current.CancellationToken);

        var run = await h.RunCliAsync(["accounts", "import", file]);
        var afterManager = await h.ListAsync();
        var again = await h.RunCliAsync(["accounts", "import", "--refresh-token", AccountsHarness.AdaRefresh]);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("Merged ada@example.com", run.Output, StringComparison.Ordinal);
        Assert.Contains("Merged ada@example.com", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, afterManager.Count);
        Assert.Equal("ada-from-manager", (string?)afterManager.Single(a => (string?)a!["email"] == AccountsHarness.Ada)!["projectId"]);
        Assert.Equal("ULTRA", (string?)afterManager.Single(a => (string?)a!["email"] == AccountsHarness.Ada)!["tier"]);
        Assert.Equal(2, (await h.ListAsync()).Count);
    }

    [Theory]
    [InlineData("{\"version\": 4, \"accounts\": [{\"email\": \"x@example.com\", \"refreshToken\": ", "not valid JSON")]
    [InlineData("{\"version\": 7, \"accounts\": []}", "version 7")]
    [InlineData("{\"something\": \"else\"}", "Not a recognised accounts file")]
    [InlineData("1//0this-token-is-unknown-to-google", "does not work")]
    [InlineData("{\"version\": 4, \"accounts\": [{\"email\": \"new@example.com\", \"refreshToken\": \"1//0new\"}, {\"email\": \"broken@example.com\"}]}", "no refreshToken")]
    public async Task Import_CorruptedOrUnknownFile_ClearErrorAndStoreUnchanged(string content, string expected)
    {
        var (h, file) = await WithFileAsync(content);
        await using var _ = h;
        await h.ImportAsync();
        var before = (await h.ListAsync()).ToJsonString();
        var tokensBefore = await ExportedTokensAsync(h);

        var run = await h.RunCliAsync(["accounts", "import", file]);

        Assert.Equal(1, run.Exit);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("The store was not changed", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, (await h.ListAsync()).ToJsonString());
        Assert.Equal(tokensBefore, await ExportedTokensAsync(h));
    }

    [Fact]
    public async Task Import_EncryptedExportWithWrongPassphrase_ClearErrorAndNothingStored()
    {
        await using var h = await AccountsHarness.StartAsync();
        await h.ImportAsync();
        var export = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        Environment.SetEnvironmentVariable("SWITCHYARD_TEST_PASS_A", "right");
        Environment.SetEnvironmentVariable("SWITCHYARD_TEST_PASS_B", "wrong");
        await h.RunCliAsync(["accounts", "export", export, "--passphrase-env", "SWITCHYARD_TEST_PASS_A"]);
        await using var other = await AccountsHarness.StartAsync();

        var run = await other.RunCliAsync(["accounts", "import", export, "--passphrase-env", "SWITCHYARD_TEST_PASS_B"]);

        File.Delete(export);
        Assert.Equal(1, run.Exit);
        Assert.Contains("wrong passphrase", run.Error, StringComparison.Ordinal);
        Assert.Empty(await other.ListAsync());
    }

    [Fact]
    public async Task Export_PlainWithoutConfirmation_Refused_WithConfirmation_Warns()
    {
        await using var h = await AccountsHarness.StartAsync();
        await h.ImportAsync();
        var file = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());

        var refused = await h.RunCliAsync(["accounts", "export", file, "--plain"]);
        var existsAfterRefusal = File.Exists(file);
        var allowed = await h.RunCliAsync(["accounts", "export", file, "--plain", "--yes-i-understand"]);
        var noPassphrase = await h.RunCliAsync(["accounts", "export", file + ".enc"]);

        File.Delete(file);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("--yes-i-understand", refused.Error, StringComparison.Ordinal);
        Assert.False(existsAfterRefusal);
        Assert.Equal(0, allowed.Exit);
        Assert.Contains("Warning", allowed.Error, StringComparison.Ordinal);
        Assert.Equal(2, noPassphrase.Exit);
        Assert.False(File.Exists(file + ".enc"));
    }

    [Fact]
    public async Task EnableDisableRemove_ChangeTheAccount_UnknownNameIsAClearError()
    {
        await using var h = await AccountsHarness.StartAsync();
        await h.ImportAsync();

        var disable = await h.RunCliAsync(["accounts", "disable", AccountsHarness.Ada, "--reason", "on holiday"]);
        var disabled = Assert.Single(await h.ListAsync())!;
        var enable = await h.RunCliAsync(["accounts", "enable", AccountsHarness.Ada]);
        var enabled = Assert.Single(await h.ListAsync())!;
        var unknown = await h.RunCliAsync(["accounts", "remove", "nobody@example.com"]);
        var remove = await h.RunCliAsync(["accounts", "remove", AccountsHarness.Ada]);

        Assert.Equal((0, false, "on holiday"), (disable.Exit, (bool)disabled["enabled"]!, (string?)disabled["disabledReason"]));
        Assert.Equal((0, true), (enable.Exit, (bool)enabled["enabled"]!));
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("No account matches 'nobody@example.com'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, remove.Exit);
        Assert.Empty(await h.ListAsync());
    }

    [Fact]
    public async Task Import_FromStandardInput_ReadsThePipedFile()
    {
        await using var h = await AccountsHarness.StartAsync();

        var run = await h.RunCliAsync(["accounts", "import", "-"], input: PluginFile(3));

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(2, (await h.ListAsync()).Count);
    }
}
