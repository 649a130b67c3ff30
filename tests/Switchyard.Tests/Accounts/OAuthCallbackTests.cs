using Switchyard.Accounts;

namespace Switchyard.Tests.Accounts;

public sealed class OAuthCallbackTests
{
    [Fact]
    public void Parse_RedirectUrl_ReadsCodeAndState()
    {
        var callback = OAuthCallback.Parse("http://127.0.0.1:51121/oauth-callback?state=abc&code=4%2F0xyz&scope=a+b");

        Assert.Equal(new OAuthCallback("4/0xyz", "abc", null), callback);
    }

    [Fact]
    public void Parse_BareCode_HasNoState()
    {
        Assert.Equal(new OAuthCallback("4/0xyz", null, null), OAuthCallback.Parse(" 4/0xyz \n"));
    }

    [Fact]
    public void Parse_Denied_ReadsError()
    {
        Assert.Equal("access_denied", OAuthCallback.Parse("http://localhost/oauth-callback?error=access_denied&state=s")!.Error);
    }

    [Fact]
    public void Parse_Empty_IsNull()
    {
        Assert.Null(OAuthCallback.Parse("   "));
    }

    [Fact]
    public void Pkce_Challenge_IsS256OfVerifier()
    {
        // RFC 7636 appendix B.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        var pkce = Pkce.Create();
        Assert.Equal(Pkce.ChallengeOf(pkce.Verifier), pkce.Challenge);
        Assert.NotEqual(Pkce.Create().State, pkce.State);
    }
}
