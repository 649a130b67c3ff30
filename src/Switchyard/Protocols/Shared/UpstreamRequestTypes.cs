using Switchyard.Models;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// The envelope's <c>requestType</c> (upstream-2026 §8.1), chosen in one place for every door: <c>image_gen</c> for an
/// image model, <c>web_search</c> when the request declares the <c>googleSearch</c> tool, <c>agent</c> otherwise. The
/// upstream refuses any other pairing (an image model without image_gen, googleSearch without web_search).
/// </summary>
internal static class UpstreamRequestTypes
{
    public const string Agent = "agent";
    public const string ImageGen = "image_gen";
    public const string WebSearch = "web_search";

    public static string For(ModelRoute route, IReadOnlyList<Tool>? tools)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.ImageGeneration ? ImageGen : HasSearch(tools) ? WebSearch : Agent;
    }

    /// <summary>Whether <paramref name="tools"/> holds the upstream's <c>googleSearch</c> tool.</summary>
    public static bool HasSearch(IReadOnlyList<Tool>? tools) => tools?.Any(t => t.GoogleSearch is not null) == true;
}
