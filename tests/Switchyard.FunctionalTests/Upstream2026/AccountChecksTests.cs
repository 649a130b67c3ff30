using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;
using static Switchyard.FunctionalTests.Upstream2026.Kit2026;

namespace Switchyard.FunctionalTests.Upstream2026;

/// <summary>
/// Account checks (upstream-2026 §7): VALIDATION_REQUIRED rests the account and its verification link shows in the CLI
/// (on a line of its own) and the admin API; a Terms of Service 403 disables the account with the upstream's reason.
/// Either way the request is served by another account.
/// </summary>
public sealed class AccountChecksTests
{
    [Fact]
    public async Task ValidationRequired_AnotherAccountServes_AndTheLinkShowsInTheCliAndTheAdminApi()
    {
        var (h, _) = await StartAsync(Pool(2), s => s["Scheduling:Strategy"] = "sticky");
        await using var _h = h;
        using var warm = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        await h.Emulator.Control.PatchAccountAsync(bound, new AccountPatch { VerificationRequired = true }, Ct);

        using var moved = await h.PostAsync("v1/messages", Claude("[[emu:text moved]]", "s1"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(bound, Email(moved));
        var account = await AccountAsync(h, bound);
        Assert.Equal("verify", (string?)account["status"]);
        var url = (string?)account["verificationUrl"];
        Assert.StartsWith("https://accounts.google.com/signin/continue?", url, StringComparison.Ordinal);

        foreach (var args in new[] { new[] { "accounts", "list" }, ["quota"] })
        {
            var run = await h.Accounts.RunCliAsync(args);
            Assert.True(run.Exit == 0, run.Error);
            Assert.Contains(url, run.Output.Split('\n').Select(l => l.TrimEnd('\r')));
            Assert.Contains($"{bound} needs verification", run.Output, StringComparison.Ordinal);
        }

        var json = JsonNode.Parse((await h.Accounts.RunCliAsync(["quota", "--json"])).Output)!.AsArray();
        Assert.Equal(url, (string?)json.Single(a => (string?)a!["email"] == bound)!["verificationUrl"]);
    }

    [Fact]
    public async Task TermsOfServiceBan_AnotherAccountServes_AndTheAccountIsDisabledWithTheReason()
    {
        var (h, _) = await StartAsync(Pool(2), s => s["Scheduling:Strategy"] = "sticky");
        await using var _h = h;
        using var warm = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        await h.Emulator.Control.PatchAccountAsync(bound, new AccountPatch { TermsOfServiceBanned = true }, Ct);

        using var moved = await h.PostAsync("v1/messages", Claude("[[emu:text moved]]", "s1"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(bound, Email(moved));
        var account = await AccountAsync(h, bound);
        Assert.Equal("disabled", (string?)account["status"]);
        Assert.Contains("Terms of Service", (string?)account["reason"], StringComparison.Ordinal);
        var list = await h.Accounts.RunCliAsync(["accounts", "list", "--json"]);
        Assert.False((bool)JsonNode.Parse(list.Output)!.AsArray().Single(a => (string?)a!["email"] == bound)!["enabled"]!);

        // Never rotated back to: the next requests stay off it.
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        using var next = await h.PostAsync("v1/messages", Claude("[[emu:text next]]", "s2"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.DoesNotContain(await h.CallsAsync(), c => c.Email == bound);
    }

    private static async Task<JsonNode> AccountAsync(FrontDoors.FrontDoorHarness h, string email) =>
        (await h.Client.GetFromJsonAsync<JsonArray>("admin/api/accounts", Ct))!.Single(a => (string?)a!["email"] == email)!;
}
