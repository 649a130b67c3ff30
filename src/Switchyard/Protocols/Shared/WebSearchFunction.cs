using System.Text.Json.Nodes;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// The gateway's stand-in for web search next to function tools. The upstream refuses <c>googleSearch</c> beside
/// function declarations, so such a request declares this function instead; when the model calls it, the door runs the
/// search itself (a <c>web_search</c> request on a search model, <see cref="WebSearchRequests"/>) and continues the
/// conversation with the answer. One declaration for every door.
/// </summary>
internal static class WebSearchFunction
{
    public const string BaseName = "web_search";

    /// <summary><c>web_search</c>, or <c>web_search_2</c>, <c>_3</c>… when a client tool already has the name.</summary>
    public static string UniqueName(IEnumerable<string> taken)
    {
        var names = taken.ToHashSet(StringComparer.Ordinal);
        var name = BaseName;
        for (var n = 2; names.Contains(name); n++)
        {
            name = BaseName + "_" + n;
        }

        return name;
    }

    public static FunctionDeclaration Declaration(string name) => new()
    {
        Name = name,
        Description = "Search the web with Google. Returns an answer with its sources. Use it for current events and facts you are unsure of.",
        Parameters = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["query"] = new JsonObject { ["type"] = "string", ["description"] = "What to search for." } },
            ["required"] = new JsonArray("query"),
        },
    };

    /// <summary>The query of a call to the function (empty when the model sent none).</summary>
    public static string Query(FunctionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return (call.Args as JsonObject)?["query"] is JsonValue q && q.TryGetValue<string>(out var text) ? text : "";
    }
}
