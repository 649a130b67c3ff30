using Switchyard.Protocols.Shared;

namespace Switchyard.Protocols.Responses;

/// <summary>What an upstream function declaration stands for.</summary>
internal enum ResponsesToolKind
{
    /// <summary>A client function tool: calls come back as <c>function_call</c> items.</summary>
    Function,

    /// <summary>A client custom (free-form) tool, declared with one string parameter <c>input</c>: calls come back as <c>custom_tool_call</c>.</summary>
    Custom,

    /// <summary>The gateway's stand-in for <c>web_search</c> next to functions (the upstream refuses the mix): calls come back as <c>web_search_call</c>.</summary>
    WebSearch,
}

/// <summary>One declared tool: its kind, the client's name and namespace, and the name the upstream sees.</summary>
internal sealed record ResponsesToolEntry(ResponsesToolKind Kind, string ClientName, string? Namespace, string UpstreamName, ResponseTool? Tool);

/// <summary>
/// The request's tools as the upstream sees them. Upstream names follow the rules every door shares
/// (<see cref="ToolNames.ToUpstream"/>: a name the upstream refuses is sent valid, the same on every turn), and clashes
/// get a numeric suffix; replies map them back through <see cref="FindUpstream"/>. Tools in a namespace other than
/// <c>functions</c> (the default one) are declared as <c>namespace__name</c> and their calls carry the namespace back.
/// With web search next to functions or custom tools, a <c>web_search</c> function (or <c>web_search_2</c>… if taken)
/// stands in for the search. Built once per request by validation.
/// </summary>
internal sealed class ResponsesToolMap
{
    public const string DefaultNamespace = "functions";
    public const string WebSearchFunction = Shared.WebSearchFunction.BaseName;
    private const int MaxName = ToolNames.MaxLength;

    private readonly Dictionary<string, ResponsesToolEntry> _byUpstream = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Namespace, string Name), ResponsesToolEntry> _byClient = [];

    public List<ResponsesToolEntry> Entries { get; } = [];

    /// <summary>The request asked for web search (any web_search tool type).</summary>
    public bool WebSearch { get; private set; }

    /// <summary>Web search and client tools together: the search goes through the <see cref="ResponsesToolKind.WebSearch"/> function.</summary>
    public bool SplitSearch => WebSearch && Entries.Any(e => e.Kind != ResponsesToolKind.WebSearch);

    /// <summary>Web search alone: the upstream's own googleSearch tool.</summary>
    public bool NativeSearch => WebSearch && !SplitSearch;

    public static bool IsWebSearchType(string? type) =>
        type is "web_search" or "web_search_preview" or "web_search_2025_08_26" or "web_search_preview_2025_03_11";

    public static ResponsesToolMap Build(IEnumerable<ResponseTool> tools)
    {
        var map = new ResponsesToolMap();
        foreach (var tool in tools)
        {
            map.Add(tool, null);
        }

        if (map.SplitSearch)
        {
            map.Register(ResponsesToolKind.WebSearch, WebSearchFunction, null, null);
        }

        return map;
    }

    public ResponsesToolEntry? FindUpstream(string name) => _byUpstream.GetValueOrDefault(name);

    public ResponsesToolEntry? FindClient(string? ns, string name) => _byClient.GetValueOrDefault((Normalise(ns), name));

    /// <summary>The upstream name for a call in history: the declared tool's, else the name made safe.</summary>
    public string UpstreamNameFor(string? ns, string name) =>
        FindClient(ns, name)?.UpstreamName ?? ToolNames.ToUpstream(Normalise(ns) is { } n ? n + "__" + name : name);

    private void Add(ResponseTool tool, string? ns)
    {
        switch (tool.Type)
        {
            case "function":
                Register(ResponsesToolKind.Function, tool.Name!, Normalise(ns), tool);
                break;
            case "custom":
                Register(ResponsesToolKind.Custom, tool.Name!, Normalise(ns), tool);
                break;
            case "namespace":
                foreach (var inner in tool.Tools ?? [])
                {
                    Add(inner, tool.Name);
                }

                break;
            case var type when IsWebSearchType(type):
                WebSearch = true;
                break;
        }
    }

    private void Register(ResponsesToolKind kind, string name, string? ns, ResponseTool? tool)
    {
        if (kind != ResponsesToolKind.WebSearch && _byClient.ContainsKey((ns, name)))
        {
            return;
        }

        var upstream = ToolNames.ToUpstream(ns is null ? name : ns + "__" + name);
        var candidate = upstream;
        for (var n = 2; _byUpstream.ContainsKey(candidate); n++)
        {
            var suffix = "_" + n;
            candidate = (upstream.Length + suffix.Length > MaxName ? upstream[..(MaxName - suffix.Length)] : upstream) + suffix;
        }

        var entry = new ResponsesToolEntry(kind, name, ns, candidate, tool);
        Entries.Add(entry);
        _byUpstream[candidate] = entry;
        if (kind != ResponsesToolKind.WebSearch)
        {
            _byClient[(ns, name)] = entry;
        }
    }

    private static string? Normalise(string? ns) => string.IsNullOrEmpty(ns) || ns == DefaultNamespace ? null : ns;
}
