using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.State;
using ProvisioningRpcs = Switchyard.Emulator.CloudCode.Provisioning;

namespace Switchyard.Emulator.Tests.Provisioning;

/// <summary>
/// The <c>loadCodeAssist</c> and <c>onboard</c> fault actions, fed straight into <see cref="ProvisioningRpcs"/>
/// as the shaping fault <c>CloudCodeEndpoints</c> would pass. (Over HTTP once the fault book matches rules.)
/// </summary>
public sealed class ProvisioningFaultTests
{
    private const string Email = "ada@example.com";

    [Fact]
    public void LoadCodeAssist_OmitProjectFault_DropsProjectKeepsTier()
    {
        var body = Load(new JsonObject { ["omitProject"] = true });

        Assert.False(body.ContainsKey("cloudaicompanionProject"));
        Assert.Equal("standard-tier", (string?)body["currentTier"]!["id"]);
    }

    [Fact]
    public void LoadCodeAssist_ObjectProjectFault_SendsProjectAsObject()
    {
        var body = Load(new JsonObject { ["objectProject"] = true });

        Assert.Equal("calm-wave-1a2b3", (string?)body["cloudaicompanionProject"]!["id"]);
    }

    [Fact]
    public void LoadCodeAssist_IneligibleFault_AddsIneligibleTiersWithoutCurrentTier()
    {
        var body = Load(new JsonObject { ["ineligible"] = true });

        Assert.False(body.ContainsKey("currentTier"));
        var ineligible = Assert.Single(body["ineligibleTiers"]!.AsArray())!;
        Assert.False(string.IsNullOrEmpty((string?)ineligible["reasonCode"]));
        Assert.False(string.IsNullOrEmpty((string?)ineligible["reasonMessage"]));
    }

    [Fact]
    public void OnboardUser_PendingPollsFault_KeepsOperationPendingThatManyCalls()
    {
        var (state, account) = CreateState();
        var fault = new FaultAction("onboard", new JsonObject { ["pendingPolls"] = 2 });

        var first = Reply(ProvisioningRpcs.OnboardUser(Call(state, account, "onboardUser", OnboardBody, fault)));
        var second = Reply(ProvisioningRpcs.OnboardUser(Call(state, account, "onboardUser", OnboardBody, shaping: null)));
        var third = Reply(ProvisioningRpcs.OnboardUser(Call(state, account, "onboardUser", OnboardBody, shaping: null)));

        Assert.Equal([false, false, true], new[] { first, second, third }.Select(b => (bool?)b["done"]));
    }

    private static JsonObject OnboardBody => new() { ["tierId"] = "free-tier" };

    private static JsonObject Load(JsonObject args)
    {
        var (state, account) = CreateState();
        return Reply(ProvisioningRpcs.LoadCodeAssist(Call(state, account, "loadCodeAssist", new JsonObject(), new FaultAction("loadCodeAssist", args))));
    }

    private static (EmulatorState State, EmulatedAccount Account) CreateState()
    {
        var state = new EmulatorState(new EmulatorOptions
        {
            Accounts = [new AccountSeed { Email = Email, Tier = "PRO", ProjectId = "calm-wave-1a2b3" }],
        });
        return (state, state.Accounts[Email]);
    }

    private static CloudCodeCall Call(EmulatorState state, EmulatedAccount account, string rpc, JsonObject body, FaultAction? shaping) => new()
    {
        Http = new DefaultHttpContext(),
        State = state,
        Config = state.Config,
        Label = "prod",
        Rpc = rpc,
        Body = body,
        Pool = QuotaPools.Antigravity,
        Entry = new JournalEntry(),
        Account = account,
        ShapingFault = shaping,
    };

    private static JsonObject Reply(EmulatorReply reply)
    {
        var json = Assert.IsType<JsonReply>(reply);
        Assert.Equal(200, json.Status);
        return json.Body.AsObject();
    }
}
