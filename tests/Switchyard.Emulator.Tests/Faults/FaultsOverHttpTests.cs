using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Tests.OAuth;

namespace Switchyard.Emulator.Tests.Faults;

/// <summary>Faults on OAuth and provisioning calls, driven end to end through the control API.</summary>
public sealed class FaultsOverHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Rule(JsonObject match, JsonObject action, int? times = null)
    {
        var rule = new JsonObject { ["match"] = match, ["action"] = action };
        if (times is not null)
        {
            rule["times"] = times;
        }

        return rule;
    }

    [Fact]
    public async Task RefreshGrant_InvalidGrantFaultOnGrantType_FailsRefreshButNotCodeExchange()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.AddFaultAsync(Rule(
            new JsonObject { ["label"] = "oauth", ["rpc"] = "token", ["grantType"] = "refresh_token" },
            new JsonObject { ["type"] = "oauth", ["error"] = "invalid_grant" }), Ct);

        var tokens = await oauth.SignInAsync();
        using var refresh = await oauth.TokenAsync(OAuthTestClient.RefreshForm((string)tokens["refresh_token"]!));

        await OAuthTestClient.AssertErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant");
        var fault = Assert.Single(await emu.Control.GetFaultsAsync(Ct))!.AsObject();
        Assert.Equal(1, (int?)fault["hits"]);
        var journal = await emu.Control.GetRequestsAsync(rpc: "token", cancellationToken: Ct);
        Assert.Equal(["authorization_code", "refresh_token"], journal.Select(e => e.GrantType));
        Assert.NotNull(journal[1].FaultId);
    }

    [Fact]
    public async Task Token_NetworkResetFault_ClientSeesConnectionFailure()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.AddFaultAsync(Rule(
            new JsonObject { ["rpc"] = "token" },
            new JsonObject { ["type"] = "networkReset" }, times: 1), Ct);
        var code = await oauth.CodeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => oauth.TokenAsync(OAuthTestClient.ExchangeForm(code)));
        var second = await oauth.SignInAsync();

        Assert.NotNull((string?)second["access_token"]);
    }

    [Fact]
    public async Task UserInfo_StatusFault_AnswersGoogleEnvelopeWithThatStatus()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.AddFaultAsync(Rule(
            new JsonObject { ["rpc"] = "userinfo" },
            new JsonObject { ["type"] = "userinfo", ["status"] = 503 }), Ct);
        var tokens = await oauth.SignInAsync();

        using var response = await oauth.UserInfoAsync((string)tokens["access_token"]!);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(503, (int?)(await EmulatorFixture.ReadJsonAsync(response))["error"]!["code"]);
    }

    [Fact]
    public async Task OnboardUser_PendingPollsFault_KeepsOperationPendingThroughHttp()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var token = await emu.TokenAsync();
        await emu.Control.AddFaultAsync(Rule(
            new JsonObject { ["rpc"] = "onboardUser" },
            new JsonObject { ["type"] = "onboard", ["pendingPolls"] = 2 }, times: 1), Ct);
        var body = new JsonObject { ["tierId"] = "free-tier", ["metadata"] = new JsonObject { ["ideType"] = "ANTIGRAVITY" } };

        var done = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await emu.CallAsync("onboardUser", body.DeepClone(), token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            done.Add((bool)(await EmulatorFixture.ReadJsonAsync(response))["done"]!);
        }

        Assert.Equal([false, false, true], done);
    }

    [Fact]
    public async Task LoadCodeAssist_OmitProjectFault_OnlyOnTheMatchedHost()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var token = await emu.TokenAsync();
        await emu.Control.AddFaultAsync(Rule(
            new JsonObject { ["rpc"] = "loadCodeAssist", ["label"] = "prod" },
            new JsonObject { ["type"] = "loadCodeAssist", ["omitProject"] = true }), Ct);
        var body = new JsonObject { ["metadata"] = new JsonObject { ["ideType"] = "ANTIGRAVITY" } };

        using var prod = await emu.CallAsync("loadCodeAssist", body.DeepClone(), token, label: "prod");
        using var sandbox = await emu.CallAsync("loadCodeAssist", body.DeepClone(), token, label: "daily-sandbox");

        Assert.False((await EmulatorFixture.ReadJsonAsync(prod)).ContainsKey("cloudaicompanionProject"));
        Assert.NotNull((string?)(await EmulatorFixture.ReadJsonAsync(sandbox))["cloudaicompanionProject"]);
    }
}
