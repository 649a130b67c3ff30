using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// The client's tool names that had to change for the upstream (<see cref="ToolNames"/>) and back. Collision-free:
/// when two client names would reach the upstream as one name (or as the name of another client tool), the later
/// one is hashed. Immutable.
/// </summary>
internal sealed class ToolNameMap
{
    private readonly Dictionary<string, string> _toUpstream;
    private readonly Dictionary<string, string> _toClient;

    private ToolNameMap(Dictionary<string, string> toUpstream)
    {
        _toUpstream = toUpstream;
        _toClient = toUpstream.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    public int Count => _toUpstream.Count;

    /// <summary>The map for one request's names (valid names stay themselves and are not in the map).</summary>
    public static ToolNameMap For(IEnumerable<string> clientNames)
    {
        var names = clientNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var taken = names.Where(ToolNames.IsValid).ToHashSet(StringComparer.Ordinal);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !ToolNames.IsValid(n)))
        {
            var upstream = ToolNames.ToUpstream(name);
            for (var hex = 8; !taken.Add(upstream) && hex <= 32; hex *= 2)
            {
                upstream = ToolNames.Hashed(name, hex);
            }

            map[name] = upstream;
        }

        return new ToolNameMap(map);
    }

    public string Upstream(string clientName) => _toUpstream.GetValueOrDefault(clientName, clientName);

    public string Client(string upstreamName) => _toClient.GetValueOrDefault(upstreamName, upstreamName);

    /// <summary>Function calls in a reply (or one stream event) named as the client named them; changes the response in place.</summary>
    public GenerateContentResponse? Restore(GenerateContentResponse? response)
    {
        foreach (var candidate in response?.Candidates ?? [])
        {
            foreach (var part in candidate.Content?.Parts ?? [])
            {
                if (part.FunctionCall is { } call && _toClient.TryGetValue(call.Name, out var client))
                {
                    part.FunctionCall = call with { Name = client };
                }
            }
        }

        return response;
    }
}
