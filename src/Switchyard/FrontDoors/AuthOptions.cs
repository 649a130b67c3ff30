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
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    [ValidateEnumeratedItems]
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

/// <summary>Attribute rules of <see cref="AuthOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
