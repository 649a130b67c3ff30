using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.Admin;

/// <summary>
/// The admin API and dashboard. Section <c>Admin</c>. Loopback clients only unless <see cref="AllowRemote"/>; with
/// no password (<c>switchyard admin set-password</c>) and no <see cref="ApiKey"/>, loopback clients are admitted.
/// </summary>
internal sealed class AdminOptions : IGatewayOptions<AdminOptions>
{
    public const string Section = "Admin";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, AdminOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>A key accepted in the <c>X-Admin-Key</c> header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Serve the admin API and dashboard to non-loopback clients (a password or key is then required).</summary>
    public bool AllowRemote { get; set; }

    /// <summary>How long a dashboard sign-in lasts.</summary>
    [Range(1, 10080)]
    public int SessionMinutes { get; set; } = 720;

    /// <summary>Delay before the check that follows a wrong password or key (from any client); doubles with each further failure.</summary>
    [Range(0, 60000)]
    public int FailureDelayMilliseconds { get; set; } = 1000;

    /// <summary>The longest such delay.</summary>
    [Range(0, 600)]
    public int MaxFailureDelaySeconds { get; set; } = 30;

    /// <summary>How long an add-account sign-in started from the dashboard stays valid.</summary>
    [Range(1, 3600)]
    public int SignInTimeoutSeconds { get; set; } = 600;
}

/// <summary>Attribute rules of <see cref="AdminOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class AdminOptionsValidator : IValidateOptions<AdminOptions>;

/// <summary>A key, when set, is long enough to resist guessing.</summary>
internal sealed class AdminOptionsCustomValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        if (options.ApiKey is { } key && key.Trim().Length < 16)
        {
            return ValidateOptionsResult.Fail("Admin:ApiKey: the key is shorter than 16 characters; use a long random value (or remove it).");
        }

        return ValidateOptionsResult.Success;
    }
}
