using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting;
using Switchyard.Models;

namespace Switchyard.Tests.Models;

public sealed class ModelOptionsValidatorTests
{
    private static List<string> Validate(ModelOptions options)
    {
        var failures = new List<string>();
        foreach (var result in new[] { new ModelOptionsValidator().Validate(null, options), new ModelOptionsCustomValidator().Validate(null, options) })
        {
            failures.AddRange(result.Failures ?? []);
        }

        return failures;
    }

    [Fact]
    public void Validate_RulesOfEveryKind_Succeeds()
    {
        var options = ModelTestData.Options(
            ("claude-haiku-4-5", "gemini-3-flash"),
            ("gpt-4*", "gemini-2.5-flash"),
            (@"/o\d-(mini|pro)/", "claude-sonnet-4-6"),
            ("big", "opus"),
            ("old", "claude-sonnet-4-5"));

        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Validate_SeveralBadRules_ListsEveryOneByIndex()
    {
        var options = ModelTestData.Options(
            ("fine", "gemini-3-flash"),
            ("/gpt-(/", "gemini-3-flash"),
            ("x", "no-such-model"),
            ("", "gemini-3-flash"),
            ("y", " "),
            ("//", "gemini-3-flash"),
            ("z", "claude-*"));

        var failures = Validate(options);

        Assert.Contains(failures, f => f.Contains("Models:Mappings:1:From", StringComparison.Ordinal) && f.Contains("/gpt-(/", StringComparison.Ordinal)
            && f.Contains("'gpt-('", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Models:Mappings:2:To", StringComparison.Ordinal) && f.Contains("no-such-model", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mappings[3]", StringComparison.Ordinal) && f.Contains("From", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mappings[4]", StringComparison.Ordinal) && f.Contains("To", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Models:Mappings:5:From", StringComparison.Ordinal) && f.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Models:Mappings:6:To", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("Mappings:0", StringComparison.Ordinal) || f.Contains("Mappings[0]", StringComparison.Ordinal));
        Assert.Equal(6, failures.Count);
    }

    [Fact]
    public void StartupCheck_BadRulesInConfiguration_ListsEveryOne()
    {
        using var dir = new TempDir();
        var app = GatewayApp.Build(dir.Path, new Dictionary<string, string?>
        {
            ["Models:Mappings:0:From"] = "/gpt-(/",
            ["Models:Mappings:0:To"] = "gemini-3-flash",
            ["Models:Mappings:1:From"] = "claude-haiku-*",
            ["Models:Mappings:1:To"] = "nope",
            ["Models:Mappings:2:From"] = "ok",
            ["Models:Mappings:2:To"] = "gemini-3-flash",
            ["Models:Mappings:2:Regex"] = "true",
        });

        var errors = StartupCheck.Run(app.Services, app.Configuration);

        Assert.Contains(errors, e => e.Contains("'Models:Mappings:2:Regex'", StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Fact]
    public void StartupCheck_BadRuleValues_ListsEveryOne()
    {
        using var dir = new TempDir();
        var app = GatewayApp.Build(dir.Path, new Dictionary<string, string?>
        {
            ["Models:Mappings:0:From"] = "/gpt-(/",
            ["Models:Mappings:0:To"] = "gemini-3-flash",
            ["Models:Mappings:1:From"] = "claude-haiku-*",
            ["Models:Mappings:1:To"] = "nope",
        });

        var errors = StartupCheck.Run(app.Services, app.Configuration);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("Models:Mappings:0:From", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Models:Mappings:1:To", StringComparison.Ordinal));
    }

    [Fact]
    public void AddModels_ConfiguredRules_ResolverAndCatalogueUseThem()
    {
        using var dir = new TempDir();
        var app = GatewayApp.Build(dir.Path, new Dictionary<string, string?>
        {
            ["Models:Mappings:0:From"] = "claude-haiku-*",
            ["Models:Mappings:0:To"] = "gemini-3-flash-low",
            ["Models:Mappings:1:From"] = "team-default",
            ["Models:Mappings:1:To"] = "gemini-3-pro",
            ["Models:AllowUnknownModels"] = "true",
        });

        Assert.Empty(StartupCheck.Run(app.Services, app.Configuration));
        var resolver = app.Services.GetRequiredService<ModelResolver>();
        var catalogue = app.Services.GetRequiredService<ModelCatalogView>();
        Assert.Equal("gemini-3-flash", resolver.Resolve("claude-haiku-4-5").Route!.UpstreamModel);
        Assert.Equal(ModelMatchKind.PassThrough, resolver.Resolve("fake-model").Match);
        Assert.Contains(catalogue.Entries, e => e.Id == "team-default" && e.UpstreamModel == "gemini-3.1-pro-low");
    }
}
