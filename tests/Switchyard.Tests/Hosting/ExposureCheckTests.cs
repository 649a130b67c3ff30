using Microsoft.Extensions.Configuration;
using Switchyard.Hosting;

namespace Switchyard.Tests.Hosting;

public sealed class ExposureCheckTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Problem_Loopback_None() => Assert.Null(ExposureCheck.Problem(Config(), adminPasswordSet: false));

    [Fact]
    public void Problem_AllInterfacesWithoutPasswordOrAdminKey_NamesTheFix()
    {
        var problem = ExposureCheck.Problem(Config(("Server:Host", "0.0.0.0")), adminPasswordSet: false);

        Assert.NotNull(problem);
        Assert.Contains("'0.0.0.0'", problem, StringComparison.Ordinal);
        Assert.Contains("switchyard admin set-password", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_AllInterfacesWithPassword_None() => Assert.Null(ExposureCheck.Problem(Config(("Server:Host", "0.0.0.0")), adminPasswordSet: true));

    [Fact]
    public void Problem_AllInterfacesWithAdminKey_None() =>
        Assert.Null(ExposureCheck.Problem(Config(("Server:Host", "0.0.0.0"), ("Admin:ApiKey", "admin-key-123")), adminPasswordSet: false));
}
