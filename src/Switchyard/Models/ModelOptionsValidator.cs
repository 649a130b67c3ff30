using Microsoft.Extensions.Options;

namespace Switchyard.Models;

/// <summary>Attribute rules of <see cref="ModelOptions"/> (empty From/To), generated at build time.</summary>
[OptionsValidator]
internal sealed partial class ModelOptionsValidator : IValidateOptions<ModelOptions>;

/// <summary>
/// Rules the attributes cannot express, for every mapping: a regex that does not compile, and a <c>To</c>
/// that resolves to no known upstream model. Reports every bad rule, each by its configuration key.
/// </summary>
internal sealed class ModelOptionsCustomValidator : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        for (var i = 0; i < options.Mappings.Count; i++)
        {
            var mapping = options.Mappings[i];
            var key = $"{ModelOptions.Section}:Mappings:{i}";
            if (mapping is null)
            {
                builder.AddError("The rule is empty.", key);
                continue;
            }

            if (!string.IsNullOrWhiteSpace(mapping.From) && ModelRuleSet.IsRegex(mapping.From)
                && !ModelRuleSet.TryCreateRegex(mapping.From, out _, out var regexError))
            {
                builder.AddError($"From '{mapping.From}' is not a valid regular expression: {regexError}", $"{key}:From");
            }

            if (!string.IsNullOrWhiteSpace(mapping.To) && !ModelAliases.TryResolve(ModelAliases.Normalize(mapping.To), out _))
            {
                builder.AddError(
                    $"To '{mapping.To}' is not a known upstream model or alias. Known models include {ModelRuleSet.KnownExamples}.",
                    $"{key}:To");
            }
        }

        return builder.Build();
    }
}
