using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Admin;
using Switchyard.FunctionalTests.FrontDoors;
using Switchyard.RateLimits;
using Switchyard.Scheduling;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;

namespace Switchyard.FunctionalTests.Scheduling;

/// <summary>Clearing cooldowns and bindings (issue 22): from the admin API or the CLI, and still cleared after a restart.</summary>
public sealed class ClearPersistenceTests
{
    private static Action<Dictionary<string, string?>> Sticky => s => s["Scheduling:Strategy"] = "sticky";

    [Fact]
    public async Task AdminClearCooldowns_AfterRestart_StayCleared()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky);
        var bound = await CoolTheBoundAccountAsync(h);

        using var cleared = await h.Client.DeleteAsync("admin/api/cooldowns", Ct);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.True((int)(await ReadJsonAsync(cleared))["count"]! >= 1);
        await h.App.StopAsync(Ct);

        var again = await h.Accounts.StartGatewayAsync();
        Assert.DoesNotContain(again.Services.GetRequiredService<CooldownTracker>().Snapshot(), e => e.AccountId.Length > 0);
        using var client = ClientFor(again);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(Messages("[[emu:text after]]", "s1"), System.Text.Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bound, Email(response));
    }

    [Fact]
    public async Task CliClearCooldowns_GatewayStopped_StayClearedAtTheNextStart()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky);
        var bound = await CoolTheBoundAccountAsync(h);
        await h.App.StopAsync(Ct);

        var run = await h.Accounts.RunCliAsync(["cooldowns", "clear", bound]);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("Cleared", run.Output, StringComparison.Ordinal);
        var again = await h.Accounts.StartGatewayAsync();
        Assert.Empty(again.Services.GetRequiredService<CooldownTracker>().Snapshot());
    }

    [Fact]
    public async Task CliClearCooldownsAndBindings_GatewayRunning_AppliedAtItsNextPoll()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky);
        await CoolTheBoundAccountAsync(h);
        var state = h.App.Services.GetRequiredService<ISchedulingStateStore>();
        Assert.True(state.BindingCount > 0);

        Assert.Equal(0, (await h.Accounts.RunCliAsync(["cooldowns", "clear"])).Exit);
        Assert.Equal(0, (await h.Accounts.RunCliAsync(["bindings", "clear"])).Exit);
        await h.App.Services.GetRequiredService<PoolClearing>().ApplyPendingAsync(Ct);

        Assert.Empty(h.App.Services.GetRequiredService<CooldownTracker>().Snapshot());
        Assert.Equal(0, state.BindingCount);
    }

    /// <summary>Session s1 is served, then its account gets a quota 429 (2 h): the session moves, the account cools.</summary>
    private static async Task<string> CoolTheBoundAccountAsync(FrontDoorHarness h)
    {
        using var warm = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{bound}}}"},"times":1,"action":{"type":"quotaExhausted","resetIn":"2h","setBucketState":false}}""");
        using var moved = await h.PostAsync("v1/messages", Messages("[[emu:text moved]]", "s1"));
        Assert.NotEqual(bound, Email(moved));
        Assert.Contains(h.App.Services.GetRequiredService<CooldownTracker>().Snapshot(), e => e.AccountId.Length > 0);
        return bound;
    }

    private static HttpClient ClientFor(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
    }
}
