using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.OAuth;

namespace Switchyard.Emulator.Tests.OAuth;

/// <summary>
/// What the <c>oauth</c>, <c>userinfo</c> and <c>networkReset</c> fault actions turn into on the OAuth endpoints.
/// (Over HTTP once the fault book matches rules.)
/// </summary>
public sealed class OAuthFaultsTests
{
    [Theory]
    [InlineData("invalid_grant", null, 400, "Token has been expired or revoked.")]
    [InlineData("invalid_client", null, 401, "The OAuth client was not found.")]
    [InlineData("unauthorized_client", null, 400, "Unauthorized")]
    [InlineData("invalid_request", null, 400, "Bad Request")]
    [InlineData("server_error", null, 500, "Internal error.")]
    [InlineData("server_error", 503, 503, "Internal error.")]
    public void Token_OAuthFault_RepliesWithThatError(string error, int? status, int expectedStatus, string description)
    {
        var args = new JsonObject { ["error"] = error };
        if (status is not null)
        {
            args["status"] = status;
        }

        var reply = Assert.IsType<JsonReply>(OAuthFaults.Token(new FaultAction("oauth", args)));

        Assert.Equal(expectedStatus, reply.Status);
        Assert.Equal(error, (string?)reply.Body["error"]);
        Assert.Equal(description, (string?)reply.Body["error_description"]);
    }

    [Fact]
    public void Token_OAuthFaultWithDescription_UsesIt()
    {
        var action = new FaultAction("oauth", new JsonObject { ["error"] = "invalid_grant", ["description"] = "Bad Request" });

        var reply = Assert.IsType<JsonReply>(OAuthFaults.Token(action));

        Assert.Equal("Bad Request", (string?)reply.Body["error_description"]);
    }

    [Fact]
    public void TokenAndUserInfo_NetworkReset_ResetTheConnection()
    {
        var action = new FaultAction("networkReset", []);

        Assert.IsType<NetworkResetReply>(OAuthFaults.Token(action));
        Assert.IsType<NetworkResetReply>(OAuthFaults.UserInfo(action));
    }

    [Theory]
    [InlineData(401, "UNAUTHENTICATED")]
    [InlineData(503, "UNAVAILABLE")]
    [InlineData(500, "INTERNAL")]
    public void UserInfo_UserInfoFault_RepliesWithGoogleEnvelope(int status, string expected)
    {
        var reply = Assert.IsType<JsonReply>(OAuthFaults.UserInfo(new FaultAction("userinfo", new JsonObject { ["status"] = status })));

        Assert.Equal(status, reply.Status);
        Assert.Equal(expected, (string?)reply.Body["error"]!["status"]);
    }

    [Fact]
    public void Token_UnrelatedActionType_DoesNotApply()
    {
        Assert.Null(OAuthFaults.Token(new FaultAction("capacity", [])));
        Assert.Null(OAuthFaults.UserInfo(new FaultAction("oauth", [])));
    }
}
