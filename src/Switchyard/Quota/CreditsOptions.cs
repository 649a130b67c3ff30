using Switchyard.Foundation;
using Microsoft.Extensions.Options;

namespace Switchyard.Quota;

/// <summary>The values of <c>Credits:Mode</c>.</summary>
internal static class CreditModes
{
    /// <summary>Never spend credits (the default).</summary>
    public const string Off = "off";

    /// <summary>Spend credits only when no eligible account has free quota left for the request.</summary>
    public const string LastResort = "last-resort";

    /// <summary>Opt in on every request: the upstream spends free quota first, credits past an empty window.</summary>
    public const string Always = "always";

    public static IReadOnlyList<string> All { get; } = [Off, LastResort, Always];
}

/// <summary>
/// Google One AI credits, the paid overage of upstream-2026 §3. Section <c>Credits</c>: <c>Mode</c> for every account,
/// and <c>Accounts</c> (account e-mail or id → mode) to override it per account.
/// </summary>
internal sealed class CreditsOptions : IGatewayOptions<CreditsOptions>
{
    public const string Section = "Credits";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, CreditsOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    public string Mode { get; set; } = CreditModes.Off;

    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The mode for one account: its override by e-mail or id, else <see cref="Mode"/>.</summary>
    public string ModeFor(string accountId, string email) =>
        Normalize(Accounts.TryGetValue(email, out var byEmail) ? byEmail : Accounts.TryGetValue(accountId, out var byId) ? byId : Mode);

    private static string Normalize(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        CreditModes.Always => CreditModes.Always,
        CreditModes.LastResort or "lastresort" or "last_resort" => CreditModes.LastResort,
        _ => CreditModes.Off,
    };
}

/// <summary>Every mode is one of off, last-resort, always.</summary>
internal sealed class CreditsOptionsValidator : IValidateOptions<CreditsOptions>
{
    public ValidateOptionsResult Validate(string? name, CreditsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (!IsMode(options.Mode))
        {
            builder.AddError($"'{options.Mode}' is not a credits mode. Modes: {string.Join(", ", CreditModes.All)}.", "Credits:Mode");
        }

        foreach (var (account, mode) in options.Accounts)
        {
            if (!IsMode(mode))
            {
                builder.AddError($"'{mode}' is not a credits mode. Modes: {string.Join(", ", CreditModes.All)}.", $"Credits:Accounts:{account}");
            }
        }

        return builder.Build();
    }

    private static bool IsMode(string? mode) =>
        mode is not null && CreditModes.All.Contains(mode.Trim(), StringComparer.OrdinalIgnoreCase);
}
