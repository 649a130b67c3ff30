using Microsoft.Extensions.Configuration;
using Switchyard.FrontDoors;

namespace Switchyard.Tests.FrontDoors;

public sealed class AuthExposureValidatorTests
{
    private static AuthExposureValidator CreateSut(string? host) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Server:Host"] = host }).Build());

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    [InlineData("127.0.0.2")]
    [InlineData(null)]
    public void Validate_LoopbackWithoutKeys_Succeeds(string? host)
    {
        Assert.True(CreateSut(host).Validate(null, new AuthOptions()).Succeeded);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    [InlineData("::")]
    [InlineData("gateway.example.com")]
    public void Validate_NonLoopbackWithoutKeys_FailsNamingTheSetting(string host)
    {
        var result = CreateSut(host).Validate(null, new AuthOptions());
        Assert.True(result.Failed);
        Assert.Contains("Auth:ApiKeys", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NonLoopbackWithKey_Succeeds()
    {
        var options = new AuthOptions { ApiKeys = [new ApiKeyEntry { Name = "laptop", Key = "k" }] };
        Assert.True(CreateSut("0.0.0.0").Validate(null, options).Succeeded);
    }
}
