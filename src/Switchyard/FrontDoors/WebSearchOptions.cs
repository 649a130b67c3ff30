using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.FrontDoors;

/// <summary>
/// Web search on every door. Section <c>WebSearch</c>. The upstream grounds answers with Google Search only on its
/// search models (<c>webSearchModelIds</c> in its live catalogue): a search-only request goes to one of them, and the
/// gateway's own searches (web search next to function tools) run on one.
/// </summary>
internal sealed class WebSearchOptions : IGatewayOptions<WebSearchOptions>
{
    public const string Section = "WebSearch";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, WebSearchOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>The search model; empty: the first of the live catalogue's <c>webSearchModelIds</c> the gateway knows, else <see cref="DefaultModel"/>.</summary>
    public string? Model { get; set; }

    /// <summary>Searches the gateway runs for one response (web search next to function tools) before it lets the model answer without.</summary>
    [Range(1, 10)]
    public int MaxRounds { get; set; } = 3;

    public const string DefaultModel = "gemini-3-flash";
}

/// <summary>Attribute rules of <see cref="WebSearchOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class WebSearchOptionsValidator : IValidateOptions<WebSearchOptions>;
