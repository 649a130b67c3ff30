using Microsoft.Extensions.Options;

namespace Switchyard.RateLimits;

/// <summary>Attribute rules of <see cref="RateLimitOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;

/// <summary>Rules spanning fields of <see cref="RateLimitOptions"/>; reports every failure.</summary>
internal sealed class RateLimitOptionsCustomValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        const string S = RateLimitOptions.Section;
        if (options.QuotaBackoffSeconds is { } steps)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                if (!(steps[i] > 0) || steps[i] > RetryDelayParser.MaxDelay.TotalSeconds)
                {
                    builder.AddError($"QuotaBackoffSeconds[{i}] is {steps[i]}; each step must be above 0 and at most 604800 (7 days).", $"{S}:QuotaBackoffSeconds");
                }
            }
        }

        if (options.CapacityJitterSeconds >= options.CapacityBackoffSeconds)
        {
            builder.AddError($"CapacityJitterSeconds ({options.CapacityJitterSeconds}) must be below CapacityBackoffSeconds ({options.CapacityBackoffSeconds}).", $"{S}:CapacityJitterSeconds");
        }

        if (options.CapacityRetryMaxSeconds < options.CapacityRetryBaseSeconds)
        {
            builder.AddError($"CapacityRetryMaxSeconds ({options.CapacityRetryMaxSeconds}) must not be below CapacityRetryBaseSeconds ({options.CapacityRetryBaseSeconds}).", $"{S}:CapacityRetryMaxSeconds");
        }

        if (options.MinimumCooldownSeconds > options.RateLimitedBackoffSeconds)
        {
            builder.AddError($"MinimumCooldownSeconds ({options.MinimumCooldownSeconds}) must not exceed RateLimitedBackoffSeconds ({options.RateLimitedBackoffSeconds}).", $"{S}:MinimumCooldownSeconds");
        }

        return builder.Build();
    }
}
