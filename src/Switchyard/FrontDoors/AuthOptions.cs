using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.FrontDoors;

/// <summary>One client API key. The name is for people; only the key is compared.</summary>
internal sealed class ApiKeyEntry
{
    [Required]
    public string Name { get; set; } = "";

    [Required]
    public string Key { get; set; } = "";
}

/// <summary>Client authentication. Section <c>Auth</c>. No keys: only loopback clients are served.</summary>
internal sealed class AuthOptions : IGatewayOptions<AuthOptions>
{
    public const string Section = "Auth";

    /// <inheritdoc/>
    /// <remarks>Keeps <see cref="ApiKeyEntry"/>'s properties for the start-up key check, which reads them by reflection.</remarks>
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(ApiKeyEntry))]
    public static void Bind(IConfiguration section, AuthOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    [ValidateEnumeratedItems]
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

/// <summary>Attribute rules of <see cref="AuthOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
