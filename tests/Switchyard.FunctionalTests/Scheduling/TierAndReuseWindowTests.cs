using System.Net;
using Switchyard.Emulator.State;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;

namespace Switchyard.FunctionalTests.Scheduling;

/// <summary>Issue 22: new sessions fill the highest tier first; the manager's 60 s reuse window; end to end.</summary>
public sealed class TierAndReuseWindowTests
{
    private const string Ultra = "ultra@example.com";
    private const string Pro = "pro@example.com";
    private const string Free = "free@example.com";

    private static AccountSeed[] Tiered() =>
    [
        new() { Email = Free, Name = "Free", Tier = "FREE", ProjectId = "project-free", RefreshToken = "1//0free-refresh-token" },
        new() { Email = Pro, Name = "Pro", Tier = "PRO", ProjectId = "project-pro", RefreshToken = "1//0pro-refresh-token" },
        new() { Email = Ultra, Name = "Ultra", Tier = "ULTRA", ProjectId = "project-ultra", RefreshToken = "1//0ultra-refresh-token" },
    ];

    private static async Task<List<string>> NewSessionsAsync(FrontDoorHarness h, params string[] sessions)
    {
        var emails = new List<string>();
        foreach (var session in sessions)
        {
            using var response = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", session));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            emails.Add(Email(response));
        }

        return emails;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sticky")]
    [InlineData("hybrid")]
    public async Task Messages_ThreeNewSessionsOnUltraProFree_AllGoToUltraUntilItIsLimited(string? strategy)
    {
        await using var h = await FrontDoorHarness.StartAsync(Tiered(), s => s["Scheduling:Strategy"] = strategy);

        Assert.Equal([Ultra, Ultra, Ultra], await NewSessionsAsync(h, "one", "two", "three"));

        // The ULTRA account runs out of quota: the next new session lands on PRO, and stays there while ULTRA is held.
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Ultra}}}"},"times":1,"action":{"type":"quotaExhausted","resetIn":"2h","setBucketState":false}}""");
        Assert.Equal([Pro, Pro], await NewSessionsAsync(h, "four", "five"));
    }

    [Fact]
    public async Task Messages_ThreeNewSessionsUnderRoundRobin_SpreadOverUltraProFree()
    {
        await using var h = await FrontDoorHarness.StartAsync(Tiered(), s => s["Scheduling:Strategy"] = "round-robin");

        Assert.Equal([Ultra, Pro, Free], await NewSessionsAsync(h, "one", "two", "three"));
    }

    [Fact]
    public async Task Messages_OffsetHeader_SpreadsOnlyWithinTheHighestTier()
    {
        await using var h = await FrontDoorHarness.StartAsync(Tiered(), s => s["Scheduling:Strategy"] = "sticky");
        var emails = new List<string>();
        for (var offset = 0; offset < 3; offset++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(Messages("[[emu:text hi]]", "agent-" + offset), System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Switchyard-Session-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var response = await h.Client.SendAsync(request, Ct);
            emails.Add(Email(response));
        }

        Assert.Equal([Ultra, Ultra, Ultra], emails); // one ULTRA account: the offset has nowhere else to go in its tier
    }

    [Fact]
    public async Task Messages_ReuseWindowUnderBalance_ReusesWithin60SecondsThenReleases()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(3), s => s["Scheduling:Mode"] = "Balance");

        var first = await NewSessionsAsync(h, "one");
        h.Accounts.Time.Advance(TimeSpan.FromSeconds(50));
        var within = await NewSessionsAsync(h, "two");
        h.Accounts.Time.Advance(TimeSpan.FromSeconds(61));
        using var after = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", "three"));

        Assert.Equal(first, within);
        Assert.NotEqual(first[0], Email(after));
        Assert.Contains("reason=hybrid", after.Headers.GetValues("X-Switchyard-Decision").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_ReuseWindowOff_NewSessionMovesAtOnce()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(3), s =>
        {
            s["Scheduling:Mode"] = "Balance";
            s["Scheduling:ReuseWindowSeconds"] = "0";
        });

        var emails = await NewSessionsAsync(h, "one", "two");

        Assert.NotEqual(emails[0], emails[1]);
    }
}
