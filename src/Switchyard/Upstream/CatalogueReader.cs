using System.Text.Json.Nodes;

namespace Switchyard.Upstream;

/// <summary>
/// Reads <c>fetchAvailableModels</c> (upstream-2026 §6.1): the models (leaving out <c>isInternal</c> helpers and
/// <c>disabled</c> entries), <c>deprecatedModelIds</c> as an object (<c>{old: {newModelId}}</c>) or an array, and the
/// search and image id lists. A model entry that is not an object, or a deprecation without a successor, is left out
/// and named in <see cref="CatalogueReading.Problems"/>. Never throws.
/// </summary>
internal static class CatalogueReader
{
    public static CatalogueReading Read(JsonNode? root, string? host = null)
    {
        var problems = new List<string>();
        var models = new List<CatalogueModel>();
        var deprecated = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root is not JsonObject body)
        {
            problems.Add("the catalogue is not a JSON object");
            return new CatalogueReading(models, deprecated, [], [], problems, host);
        }

        if (body["models"] is JsonObject map)
        {
            foreach (var (id, node) in map)
            {
                if (node is not JsonObject entry || id.Length == 0)
                {
                    problems.Add($"model '{id}' is not an object");
                    continue;
                }

                if (Bool(entry["isInternal"]) || Bool(entry["disabled"]))
                {
                    continue;
                }

                var quota = entry["quotaInfo"] as JsonObject;
                models.Add(new CatalogueModel(
                    id,
                    QuotaSummaryReader.Text(entry["displayName"]),
                    Int(entry["maxTokens"]),
                    Int(entry["maxOutputTokens"]),
                    Bool(entry["supportsThinking"]),
                    quota?["remainingFraction"] is JsonValue f && f.TryGetValue<double>(out var fraction) && double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : null,
                    QuotaSummaryReader.Time(quota?["resetTime"])));
            }
        }
        else
        {
            problems.Add("the catalogue has no models object");
        }

        ReadDeprecated(body["deprecatedModelIds"], deprecated, problems);
        return new CatalogueReading(models, deprecated, Ids(body["webSearchModelIds"]), Ids(body["imageGenerationModelIds"]), problems, host);
    }

    private static void ReadDeprecated(JsonNode? node, Dictionary<string, string> deprecated, List<string> problems)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject map:
                foreach (var (old, value) in map)
                {
                    var successor = value is JsonObject o ? QuotaSummaryReader.Text(o["newModelId"]) : QuotaSummaryReader.Text(value);
                    Add(old, successor);
                }

                return;
            case JsonArray list:
                foreach (var item in list.OfType<JsonObject>())
                {
                    Add(QuotaSummaryReader.Text(item["oldModelId"]) ?? QuotaSummaryReader.Text(item["modelId"]) ?? "", QuotaSummaryReader.Text(item["newModelId"]));
                }

                return;
            default:
                problems.Add("deprecatedModelIds is neither an object nor a list");
                return;
        }

        void Add(string old, string? successor)
        {
            if (old.Length == 0 || successor is null || string.Equals(old, successor, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"deprecated id '{old}' names no successor");
                return;
            }

            deprecated[old] = successor;
        }
    }

    private static List<string> Ids(JsonNode? node) =>
        node is JsonArray list ? [.. list.Select(QuotaSummaryReader.Text).OfType<string>()] : [];

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static int? Int(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return v.TryGetValue<string>(out var s) && int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }
}
