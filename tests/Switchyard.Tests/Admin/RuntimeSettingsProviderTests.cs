using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Admin;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Admin;

public sealed class RuntimeSettingsProviderTests
{
    [Fact]
    public void Apply_OverridesEarlierSourcesAndFiresTheReloadToken()
    {
        using var dir = new TempDir();
        var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduling:Strategy"] = "sticky" });
        builder.AddRuntimeSettings(dir.Path);
        var root = builder.Build();
        var provider = root.Providers.OfType<RuntimeSettingsProvider>().Single();
        var reloaded = false;
        root.GetReloadToken().RegisterChangeCallback(_ => reloaded = true, null);

        var version = provider.Apply(new Dictionary<string, string?> { ["Scheduling:Strategy"] = "hybrid" });

        Assert.Equal(1, version);
        Assert.Equal("hybrid", root["Scheduling:Strategy"]);
        Assert.True(reloaded);
    }

    [Fact]
    public void Load_AfterApply_ReadsTheOverridesAndVersionBack()
    {
        using var dir = new TempDir();
        var first = new RuntimeSettingsProvider(dir.Path);
        first.Load();
        first.Apply(new Dictionary<string, string?> { ["Scheduling:MaxWaitSeconds"] = "5", ["Scheduling:Mode"] = null });
        first.Apply(new Dictionary<string, string?> { ["Scheduling:MaxWaitSeconds"] = "7", ["Scheduling:Mode"] = null });

        var second = new RuntimeSettingsProvider(dir.Path);
        second.Load();

        Assert.Equal(2, second.Version);
        Assert.True(second.TryGet("Scheduling:MaxWaitSeconds", out var wait));
        Assert.Equal("7", wait);
        Assert.True(second.TryGet("Scheduling:Mode", out var mode));
        Assert.Null(mode);
    }

    [Fact]
    public void Load_FileNotJson_ThrowsInvalidDataNamingTheFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(RuntimeSettingsProvider.FileName), "{ nope");
        var provider = new RuntimeSettingsProvider(dir.Path);

        var ex = Assert.Throws<InvalidDataException>(provider.Load);

        Assert.Contains(RuntimeSettingsProvider.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CurrentValue_AfterApply_ChangesWithoutRebuildingServices()
    {
        using var dir = new TempDir();
        var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduling:MaxWaitSeconds"] = "60" });
        builder.AddRuntimeSettings(dir.Path);
        var root = builder.Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(root);
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        using var sp = services.BuildServiceProvider();
        var monitor = sp.GetRequiredService<IOptionsMonitor<SchedulingOptions>>();
        var before = monitor.CurrentValue.MaxWaitSeconds;

        root.Providers.OfType<RuntimeSettingsProvider>().Single().Apply(new Dictionary<string, string?> { ["Scheduling:MaxWaitSeconds"] = "3" });

        Assert.Equal(60, before);
        Assert.Equal(3, monitor.CurrentValue.MaxWaitSeconds);
    }
}
