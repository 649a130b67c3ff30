using System.Text.Json.Nodes;
using Switchyard.Emulator;

namespace Switchyard.Hosting.Demo;

/// <summary>
/// <c>switchyard demo --chaos</c>: emulator fault rules on content calls (generateContent and
/// streamGenerateContent), so rate limits and exhausted quota show up and rotation can be watched.
/// </summary>
internal static class DemoChaos
{
    public const double RateLimitProbability = 0.3;

    /// <summary>The account whose quota is always exhausted while chaos is on.</summary>
    public const string ExhaustedEmail = "alan@example.com";

    public static JsonArray Rules() =>
    [
        (JsonNode)new JsonObject
        {
            ["id"] = "demo-quota-exhausted",
            ["match"] = new JsonObject { ["rpc"] = "*enerateContent", ["email"] = ExhaustedEmail },
            ["action"] = new JsonObject { ["type"] = "quotaExhausted", ["resetIn"] = "1h" },
        },
        (JsonNode)new JsonObject
        {
            ["id"] = "demo-rate-limit",
            ["match"] = new JsonObject { ["rpc"] = "*enerateContent" },
            ["probability"] = RateLimitProbability,
            ["action"] = new JsonObject { ["type"] = "rateLimit", ["retryDelay"] = "2s" },
        },
    ];

    public static async Task AddAsync(EmulatorServer emulator, TextWriter output, CancellationToken cancellationToken)
    {
        var ids = await emulator.Control.AddFaultsAsync(Rules(), cancellationToken);
        await output.WriteLineAsync(
            $"Chaos on: {RateLimitProbability:P0} of content calls answer 429 (rateLimit), and {ExhaustedEmail}'s quota is exhausted "
            + $"(fault rules {string.Join(", ", ids)}; see {new Uri(emulator.BaseUrl, "__emulator/faults")})");
    }
}
