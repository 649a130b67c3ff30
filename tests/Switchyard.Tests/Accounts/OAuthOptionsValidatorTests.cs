using Switchyard.Accounts;

namespace Switchyard.Tests.Accounts;

public sealed class OAuthOptionsValidatorTests
{
    [Fact]
    public void Validate_NonLoopbackCallbackAndRelativeUrl_ReportsBoth()
    {
        var options = new OAuthOptions { CallbackHost = "0.0.0.0", TokenUrl = "/token" };

        var result = new OAuthOptionsCustomValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("OAuth:CallbackHost", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("OAuth:TokenUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_HaveGoogleEndpointsButNoClient()
    {
        var options = new OAuthOptions();

        Assert.True(new OAuthOptionsCustomValidator().Validate(null, options).Succeeded);
        Assert.Null(options.ClientId);
        Assert.Null(options.ClientSecret);
        Assert.Equal("https://oauth2.googleapis.com/token", options.TokenUrl);
    }
}
