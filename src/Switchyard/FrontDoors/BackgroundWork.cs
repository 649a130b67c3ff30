using Switchyard.Models;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.OpenAI;

namespace Switchyard.FrontDoors;

/// <summary>What a request shows of itself for the background test: tools, system texts and the last user text.</summary>
internal sealed record BackgroundSignals(bool HasTools, IReadOnlyList<string> SystemTexts, string? LastUserText)
{
    public static BackgroundSignals Of(MessagesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var system = request.System?.Where(b => b.Text is not null).Select(b => b.Text!).ToList() ?? [];
        var lastUser = request.Messages?.LastOrDefault(m => m.Role == "user");
        var text = lastUser?.Content is { } blocks ? string.Concat(blocks.Where(b => b.Type == "text").Select(b => b.Text)) : null;
        return new BackgroundSignals(request.Tools is { Count: > 0 }, system, text);
    }

    public static BackgroundSignals Of(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = request.Messages ?? [];
        var system = messages.Where(m => m.Role is "system" or "developer").Select(m => TextOf(m.Content)).OfType<string>().ToList();
        var lastUser = messages.LastOrDefault(m => m.Role == "user");
        return new BackgroundSignals(request.Tools is { Count: > 0 }, system, lastUser is null ? null : TextOf(lastUser.Content));
    }

    private static string? TextOf(System.Text.Json.Nodes.JsonNode? content) => content switch
    {
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var s) => s,
        System.Text.Json.Nodes.JsonArray parts => string.Concat(parts.OfType<System.Text.Json.Nodes.JsonObject>()
            .Select(p => p["text"] is System.Text.Json.Nodes.JsonValue t && t.TryGetValue<string>(out var s) ? s : "")),
        _ => null,
    };
}

/// <summary>The background test of <see cref="BackgroundOptions"/>: why a request is background work, or null.</summary>
internal static class BackgroundWork
{
    public static string? Classify(HttpContext http, string model, BackgroundSignals signals, BackgroundOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return null;
        }

        if (http.Request.Headers[BackgroundOptions.Header].ToString() is { Length: > 0 } mark
            && (mark.Equals("true", StringComparison.OrdinalIgnoreCase) || mark == "1"))
        {
            return "marked by the client (" + BackgroundOptions.Header + ")";
        }

        var name = ModelAliases.Normalize(model);
        if (options.SmallModels.FirstOrDefault(p => ModelRuleSet.GlobMatch(p.Trim().ToLowerInvariant(), name.ToLowerInvariant())) is { } small)
        {
            return $"small model ({small})";
        }

        if (signals.HasTools || signals.LastUserText is not { } last || last.Length > options.MaxTextChars)
        {
            return null;
        }

        foreach (var phrase in options.Phrases.Where(p => p.Length > 0))
        {
            if (last.Contains(phrase, StringComparison.OrdinalIgnoreCase) || signals.SystemTexts.Any(s => s.Contains(phrase, StringComparison.OrdinalIgnoreCase)))
            {
                return $"title or summary prompt (\"{phrase}\")";
            }
        }

        return null;
    }
}
