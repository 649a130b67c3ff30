using System.Net;
using Microsoft.Extensions.Options;
using Switchyard.Quota;
using Switchyard.Scheduling;

namespace Switchyard.FunctionalTests.Admin;

public sealed class AdminSettingsTests
{
    [Fact]
    public async Task Get_ListsEffectiveRuntimeSettingsWithAnETag()
    {
        await using var h = await AdminHarness.StartAsync(s => s["Scheduling:MaxWaitSeconds"] = "42");

        using var response = await h.GetAsync("admin/api/settings");
        var body = await AdminHarness.JsonAsync(response);

        Assert.Equal("\"0\"", response.Headers.ETag!.ToString());
        var wait = body["settings"]!.AsArray().Single(s => (string?)s!["key"] == "Scheduling:MaxWaitSeconds")!;
        Assert.Equal("42", (string?)wait["value"]);
        Assert.False((bool)wait["overridden"]!);
    }

    [Fact]
    public async Task Patch_WithCurrentIfMatch_AppliesAtOnceAndBumpsTheETag()
    {
        await using var h = await AdminHarness.StartAsync();

        using var response = await h.PatchAsync("admin/api/settings", """{"Scheduling:MaxAttempts":3,"Quota:ProtectionThresholds:claude":0.2}""", r => r.Headers.TryAddWithoutValidation("If-Match", "\"0\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag!.ToString());
        Assert.Equal(3, h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxAttempts);
        Assert.Equal(0.2, h.Get<IOptionsMonitor<QuotaOptions>>().CurrentValue.ProtectionThresholds["claude"]);
    }

    [Fact]
    public async Task Patch_StaleIfMatch_Answers409AndChangesNothing()
    {
        await using var h = await AdminHarness.StartAsync();
        using var first = await h.PatchAsync("admin/api/settings", """{"Scheduling:MaxAttempts":3}""", r => r.Headers.TryAddWithoutValidation("If-Match", "\"0\""));

        using var second = await h.PatchAsync("admin/api/settings", """{"Scheduling:MaxAttempts":7}""", r => r.Headers.TryAddWithoutValidation("If-Match", "\"0\""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("\"1\"", second.Headers.ETag!.ToString());
        Assert.Equal(3, h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxAttempts);
    }

    [Fact]
    public async Task Patch_MalformedIfMatch_Answers400()
    {
        await using var h = await AdminHarness.StartAsync();

        using var response = await h.PatchAsync("admin/api/settings", """{"Scheduling:MaxAttempts":3}""", r => r.Headers.TryAddWithoutValidation("If-Match", "yesterday"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(10, h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxAttempts);
    }

    [Theory]
    [InlineData("""{"Server:Port":9000}""", "Server:Port")]
    [InlineData("""{"Scheduling:MaxAttempts":0}""", "Scheduling:MaxAttempts")]
    [InlineData("""{"Quota:ProtectionThresholds:claude":1.5}""", "Quota:ProtectionThresholds:claude")]
    [InlineData("""{"Scheduling:MaxWaitSeconds":"abc"}""", "Scheduling")]
    public async Task Patch_InvalidSetting_Answers400ListingTheKeyAndChangesNothing(string body, string key)
    {
        await using var h = await AdminHarness.StartAsync();

        using var response = await h.PatchAsync("admin/api/settings", body);
        var problem = await AdminHarness.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(key), problem.ToJsonString());
        Assert.Equal(10, h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxAttempts);
        Assert.Equal(60, h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxWaitSeconds);
    }
}
