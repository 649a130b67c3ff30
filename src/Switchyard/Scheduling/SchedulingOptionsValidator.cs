using Microsoft.Extensions.Options;

namespace Switchyard.Scheduling;

/// <summary>Attribute rules of <see cref="SchedulingOptions"/> (and its Hybrid section), generated at build time.</summary>
[OptionsValidator]
internal sealed partial class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>;

/// <summary>Rules the attributes cannot state; reports every failure.</summary>
internal sealed class SchedulingOptionsCustomValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        const string S = SchedulingOptions.Section;
        if (options.Strategy is not null && !SelectionPolicies.TryNormalize(options.Strategy, out _))
        {
            builder.AddError($"Unknown strategy '{options.Strategy}'; use one of {string.Join(", ", SelectionPolicies.All)}.", $"{S}:Strategy");
        }

        if (options.Mode is not null && !SchedulingModes.TryNormalize(options.Mode, out _))
        {
            builder.AddError($"Unknown mode '{options.Mode}'; use one of {string.Join(", ", SchedulingModes.All)}.", $"{S}:Mode");
        }

        if (options.Strategy is not null && options.Mode is not null)
        {
            builder.AddError("Set Strategy or Mode, not both (a mode chooses the strategy).", $"{S}:Mode");
        }

        if (options.FixedAccount is { } fixedAccount && string.IsNullOrWhiteSpace(fixedAccount))
        {
            builder.AddError("FixedAccount is blank; remove it or name an account id or email.", $"{S}:FixedAccount");
        }

        if (options.MaxWaitSeconds < 0)
        {
            builder.AddError($"MaxWaitSeconds is {options.MaxWaitSeconds}; it must be 0 (never wait) or more.", $"{S}:MaxWaitSeconds");
        }

        if (options.MaxAttempts < 1)
        {
            builder.AddError($"MaxAttempts is {options.MaxAttempts}; at least one attempt is needed.", $"{S}:MaxAttempts");
        }

        if (options.ResetAware is null)
        {
            builder.AddError("ResetAware must not be null.", $"{S}:ResetAware");
        }

        var h = options.Hybrid;
        if (h is null)
        {
            builder.AddError("Hybrid must not be null.", $"{S}:Hybrid");
            return builder.Build();
        }

        if (h.MinUsableHealth > h.MaxHealth)
        {
            builder.AddError($"Hybrid:MinUsableHealth ({h.MinUsableHealth}) is above Hybrid:MaxHealth ({h.MaxHealth}); no account could ever be picked.", $"{S}:Hybrid:MinUsableHealth");
        }

        if (h.InitialHealth > h.MaxHealth)
        {
            builder.AddError($"Hybrid:InitialHealth ({h.InitialHealth}) is above Hybrid:MaxHealth ({h.MaxHealth}).", $"{S}:Hybrid:InitialHealth");
        }

        if (h.InitialTokens > h.MaxTokens)
        {
            builder.AddError($"Hybrid:InitialTokens ({h.InitialTokens}) is above Hybrid:MaxTokens ({h.MaxTokens}).", $"{S}:Hybrid:InitialTokens");
        }

        if (h.TokenCost > h.MaxTokens)
        {
            builder.AddError($"Hybrid:TokenCost ({h.TokenCost}) is above Hybrid:MaxTokens ({h.MaxTokens}); no pick could ever be paid for.", $"{S}:Hybrid:TokenCost");
        }

        return builder.Build();
    }
}
