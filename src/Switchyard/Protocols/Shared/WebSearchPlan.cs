namespace Switchyard.Protocols.Shared;

/// <summary>How a request's web search reaches the upstream.</summary>
internal enum WebSearchMode
{
    /// <summary>No web search asked for.</summary>
    None,

    /// <summary>Web search alone: the upstream's own googleSearch tool, on a search model.</summary>
    Native,

    /// <summary>Web search next to function tools: the gateway's search function (<see cref="WebSearchFunction"/>), answered by the door.</summary>
    Split,
}

/// <summary>A request's web search: its mode, the name of the gateway's search function (split mode) and the client's cap on searches, if any.</summary>
internal sealed record WebSearchPlan(WebSearchMode Mode, string FunctionName = WebSearchFunction.BaseName, int? MaxUses = null)
{
    public static readonly WebSearchPlan None = new(WebSearchMode.None);
}
