using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.Models;

/// <summary>
/// Model mapping. Section <c>Models</c>.
/// <para><c>Mappings</c>: rules <c>{ "From": "…", "To": "…" }</c>. <c>From</c> is one of
/// <list type="bullet">
/// <item>an exact name (<c>claude-haiku-4-5</c>);</item>
/// <item>a wildcard, when it contains <c>*</c> (any run of characters) or <c>?</c> (one character): <c>claude-haiku-*</c>;</item>
/// <item>a regular expression written between slashes: <c>/gpt-4(o|\.1)?(-mini)?/</c>. It must match the whole name.</item>
/// </list>
/// All three compare case-insensitively against the client's name after trimming and removing a <c>models/</c>
/// prefix. Order: every exact rule is tried first, then the wildcards, then the regexes, each kind in the order
/// written; the first match wins. Rules are tried before the built-in aliases, so a rule can override them.
/// <c>To</c> is an upstream id or a built-in alias (not another rule's <c>From</c>); it is resolved once, when
/// the rules are loaded.</para>
/// <para>A bad regex, an empty <c>From</c> or <c>To</c>, or a <c>To</c> that names no known model stops the
/// gateway at start-up, listing every bad rule by index (<c>Models:Mappings:2:To</c>).</para>
/// </summary>
internal sealed class ModelOptions : IGatewayOptions<ModelOptions>
{
    public const string Section = "Models";

    /// <inheritdoc/>
    /// <remarks>Keeps <see cref="ModelMapping"/>'s properties for the start-up key check, which reads them by reflection.</remarks>
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(ModelMapping))]
    public static void Bind(IConfiguration section, ModelOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    [ValidateEnumeratedItems]
    public List<ModelMapping> Mappings { get; set; } = [];

    /// <summary>
    /// Send names that match nothing upstream unchanged (family and quota group guessed from the name) instead of
    /// answering "model not found". Off by default.
    /// </summary>
    public bool AllowUnknownModels { get; set; }
}

/// <summary>One user rule: requests for <see cref="From"/> go to <see cref="To"/>.</summary>
internal sealed class ModelMapping
{
    [Required]
    public string From { get; set; } = "";

    [Required]
    public string To { get; set; } = "";
}
