using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.Accounts;

/// <summary>Token lifecycle, provisioning and reload of the account pool. Section <c>Accounts</c>.</summary>
internal sealed class AccountsOptions : IGatewayOptions<AccountsOptions>
{
    public const string Section = "Accounts";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, AccountsOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>An access token is refreshed when fewer than this many seconds remain.</summary>
    [Range(0, 3000)]
    public int RefreshMarginSeconds { get; set; } = 300;

    /// <summary>How often the background refresher looks for accounts close to expiry.</summary>
    [Range(1, 86400)]
    public int BackgroundRefreshIntervalSeconds { get; set; } = 60;

    /// <summary>How many times onboardUser is polled before sign-in gives up.</summary>
    [Range(1, 100)]
    public int OnboardMaxPolls { get; set; } = 10;

    [Range(0, 600)]
    public double OnboardPollDelaySeconds { get; set; } = 5;

    /// <summary>How often the server checks the database for accounts changed by another process.</summary>
    [Range(0.1, 3600)]
    public double ReloadIntervalSeconds { get; set; } = 2;

    /// <summary>First wait after a transient refresh failure; doubled each time up to <see cref="RefreshBackoffMaxSeconds"/>.</summary>
    [Range(1, 3600)]
    public int RefreshBackoffSeconds { get; set; } = 5;

    [Range(1, 86400)]
    public int RefreshBackoffMaxSeconds { get; set; } = 300;
}

/// <summary>Attribute rules of <see cref="AccountsOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class AccountsOptionsValidator : IValidateOptions<AccountsOptions>;
