using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

#pragma warning disable CA1716 // folder = namespace; "Shared" mirrors src/Switchyard/Protocols/Shared
namespace Switchyard.Tests.Protocols.Shared;
#pragma warning restore CA1716

public sealed class OutputLimitTests
{
    private static UpstreamEnvelope Envelope(int? max, int? budget = null) => new()
    {
        Model = "m",
        Request = new UpstreamRequest
        {
            GenerationConfig = new GenerationConfig
            {
                MaxOutputTokens = max,
                ThinkingConfig = budget is null ? null : new ThinkingConfig { IncludeThoughts = true, ThinkingBudget = budget },
            },
        },
    };

    [Theory]
    [InlineData(100_000, 64_000)]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    public void Clamp_OutsideTheLimit_Clamped(int max, int expected)
    {
        Assert.Equal(expected, OutputLimit.Clamp(Envelope(max), 64_000).Request.GenerationConfig!.MaxOutputTokens);
    }

    [Fact]
    public void Clamp_WithinTheLimitOrUnset_SameEnvelope()
    {
        var within = Envelope(64_000);
        var unset = Envelope(null);

        Assert.Same(within, OutputLimit.Clamp(within, 64_000));
        Assert.Same(unset, OutputLimit.Clamp(unset, 64_000));
    }

    [Fact]
    public void Clamp_BudgetAtOrAboveTheClampedValue_BudgetBelowIt()
    {
        var config = OutputLimit.Clamp(Envelope(128_000, 100_000), 64_000).Request.GenerationConfig!;

        Assert.Equal(64_000, config.MaxOutputTokens);
        Assert.True(config.ThinkingConfig!.ThinkingBudget is >= 1024 and < 64_000);
    }
}
