using System.Net;
using Microsoft.Extensions.Options;
using Switchyard.Admin;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.Scheduling;

namespace Switchyard.FunctionalTests.Admin;

public sealed class AdminSchedulingTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PatchStrategy_AppliesWithoutRestart_AndPersistsOwnerOnly()
    {
        await using var h = await AdminHarness.StartAsync(s => s["Scheduling:Mode"] = "Balance");
        var monitor = h.Get<IOptionsMonitor<SchedulingOptions>>();
        var before = monitor.CurrentValue.Mode;

        using var response = await h.PatchAsync("admin/api/scheduling", """{"strategy":"round-robin"}""");
        var view = await AdminHarness.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Balance", before);
        Assert.Equal("round-robin", monitor.CurrentValue.Strategy);
        Assert.Null(monitor.CurrentValue.Mode);
        Assert.Equal("round-robin", (string?)view["effectiveStrategy"]);
        var file = Path.Combine(h.Accounts.DataDir, RuntimeSettingsProvider.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Contains("round-robin", await File.ReadAllTextAsync(file, AdminHarness.Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchMode_AfterStrategy_ClearsTheStrategy()
    {
        await using var h = await AdminHarness.StartAsync();
        using var first = await h.PatchAsync("admin/api/scheduling", """{"strategy":"sticky"}""");

        using var response = await h.PatchAsync("admin/api/scheduling", """{"mode":"PerformanceFirst","maxWaitSeconds":5}""");
        var view = await AdminHarness.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((string?)view["strategy"]);
        Assert.Equal("PerformanceFirst", (string?)view["mode"]);
        Assert.Equal(5, (int)view["maxWaitSeconds"]!);
        Assert.Equal(5, h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxWaitSeconds);
    }

    [Theory]
    [InlineData("""{"strategy":"fastest"}""", "Scheduling:Strategy")]
    [InlineData("""{"mode":"Turbo"}""", "Scheduling:Mode")]
    [InlineData("""{"maxWaitSeconds":-1}""", "Scheduling:MaxWaitSeconds")]
    [InlineData("""{"maxWaitSeconds":"soon"}""", "Scheduling:MaxWaitSeconds")]
    [InlineData("""{"fixedAccount":"nobody@example.com"}""", "Scheduling:FixedAccount")]
    [InlineData("""{"colour":"blue"}""", "colour")]
    public async Task Patch_BadValue_Answers400NamingTheFieldAndChangesNothing(string body, string field)
    {
        await using var h = await AdminHarness.StartAsync();
        var settings = h.Get<RuntimeSettings>();
        var versionBefore = settings.Version;
        var before = await h.GetJsonAsync("admin/api/scheduling");

        using var response = await h.PatchAsync("admin/api/scheduling", body);
        var problem = await AdminHarness.JsonAsync(response);
        var after = await h.GetJsonAsync("admin/api/scheduling");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Equal(versionBefore, settings.Version);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.False(File.Exists(Path.Combine(h.Accounts.DataDir, RuntimeSettingsProvider.FileName)));
    }

    [Fact]
    public async Task PinAccount_ByEmail_ShowsAsFixedAndUnpinClears()
    {
        await using var h = await AdminHarness.StartAsync(withGrace: true);

        using var pin = await h.PatchAsync("admin/api/scheduling", $$"""{"fixedAccount":"{{AccountsHarness.Grace}}"}""");
        var view = await AdminHarness.JsonAsync(pin);
        var accounts = await h.GetJsonAsync("admin/api/accounts");
        using var unpin = await h.PatchAsync("admin/api/scheduling", """{"fixedAccount":null}""");

        Assert.Equal(HttpStatusCode.OK, pin.StatusCode);
        Assert.Equal(AccountsHarness.Grace, (string?)view["fixedAccountEmail"]);
        Assert.Equal([AccountsHarness.Grace], accounts.AsArray().Where(a => (bool)a!["fixed"]!).Select(a => (string?)a!["email"]));
        Assert.Equal(HttpStatusCode.OK, unpin.StatusCode);
        Assert.Null(h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.FixedAccount);
    }
}
