using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.Accounts;

/// <summary>
/// Google OAuth for the installed-app flow. Section <c>OAuth</c>. No client id or secret ships with
/// Switchyard: <see cref="MissingClientMessage"/> says how to set them.
/// </summary>
internal sealed class OAuthOptions : IGatewayOptions<OAuthOptions>
{
    public const string Section = "OAuth";

    /// <summary>The guide to getting an OAuth client (docs/google-oauth.md), named in every message about a missing or refused client.</summary>
    public const string GuideUrl = "docs/google-oauth.md in the Switchyard repository";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, OAuthOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    [Required]
    public string AuthorizeUrl { get; set; } = "https://accounts.google.com/o/oauth2/v2/auth";

    [Required]
    public string TokenUrl { get; set; } = "https://oauth2.googleapis.com/token";

    [Required]
    public string UserInfoUrl { get; set; } = "https://www.googleapis.com/oauth2/v2/userinfo";

    public List<string> Scopes { get; set; } =
    [
        "https://www.googleapis.com/auth/cloud-platform",
        "https://www.googleapis.com/auth/userinfo.email",
        "https://www.googleapis.com/auth/userinfo.profile",
        "https://www.googleapis.com/auth/cclog",
        "https://www.googleapis.com/auth/experimentsandconfigs",
    ];

    /// <summary>Address of the sign-in callback listener; loopback.</summary>
    [Required]
    public string CallbackHost { get; set; } = "127.0.0.1";

    /// <summary>Port of the callback listener; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int CallbackPort { get; set; }

    /// <summary>How long sign-in waits for the browser to come back.</summary>
    [Range(1, 3600)]
    public int CallbackTimeoutSeconds { get; set; } = 300;

    /// <summary>Timeout of each call to the OAuth endpoints.</summary>
    [Range(1, 600)]
    public int HttpTimeoutSeconds { get; set; } = 30;

    /// <summary>Null when the client is configured, else a message naming the keys and how to set them.</summary>
    public string? MissingClientMessage()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            missing.Add("OAuth:ClientId");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            missing.Add("OAuth:ClientSecret");
        }

        if (missing.Count == 0)
        {
            return null;
        }

        return $"{string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set; Switchyard ships no OAuth client. "
            + $"Set {(missing.Count == 1 ? "it" : "them")} with the environment "
            + string.Join(" and ", missing.Select(k => "SWITCHYARD__" + k.Replace(":", "__", StringComparison.Ordinal)))
            + ", in switchyard.json in the data directory under \"OAuth\", or with "
            + string.Join(" ", missing.Select(k => $"--set {k}=VALUE")) + ", or run 'switchyard init'. "
            + "What the client is and where to get one: " + GuideUrl + ".";
    }
}

/// <summary>Attribute rules of <see cref="OAuthOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class OAuthOptionsValidator : IValidateOptions<OAuthOptions>;

/// <summary>Rules spanning fields of <see cref="OAuthOptions"/>: absolute URLs, a loopback callback host.</summary>
internal sealed class OAuthOptionsCustomValidator : IValidateOptions<OAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuthOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var (key, value) in new[] { ("AuthorizeUrl", options.AuthorizeUrl), ("TokenUrl", options.TokenUrl), ("UserInfoUrl", options.UserInfoUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                builder.AddError($"'{value}' is not an absolute http(s) URL.", $"OAuth:{key}");
            }
        }

        if (!Foundation.ServerOptionsCustomValidator.IsLoopback(options.CallbackHost))
        {
            builder.AddError($"'{options.CallbackHost}' is not a loopback address; the sign-in callback only listens on loopback.", "OAuth:CallbackHost");
        }

        if (options.Scopes.Count == 0)
        {
            builder.AddError("At least one scope is needed.", "OAuth:Scopes");
        }

        return builder.Build();
    }
}
