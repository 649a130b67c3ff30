using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Scheduling;

internal static class SchedulingKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary><paramref name="count"/> PRO accounts user1…userN@example.com, each with its own refresh token and project.</summary>
    public static AccountSeed[] Pool(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new AccountSeed
        {
            Email = Email(i),
            Name = $"User {i}",
            Tier = "PRO",
            ProjectId = $"project-user-{i}",
            RefreshToken = $"1//0user{i}-refresh-token",
        })];

    public static string Email(int i) => $"user{i}@example.com";

    /// <summary>An Anthropic Messages body; <paramref name="session"/> goes into metadata.user_id.</summary>
    public static string Messages(string text, string? session = null, bool stream = false)
    {
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-4-5",
            ["max_tokens"] = 256,
            ["stream"] = stream,
            ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = text } },
        };
        if (session is not null)
        {
            body["metadata"] = new JsonObject { ["user_id"] = session };
        }

        return body.ToJsonString();
    }

    public static string Email(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Account-Email", out var values) ? values.Single() : "";

    public static Task AddFaultAsync(this FrontDoorHarness h, string json) =>
        h.Emulator.Control.AddFaultAsync(JsonNode.Parse(json)!.AsObject(), Ct);

    /// <summary>(email, status, pool) of each generate call, in order.</summary>
    public static async Task<List<(string Email, int Status, string Pool, string Label)>> CallsAsync(this FrontDoorHarness h) =>
        [.. (await h.GenerateCallsAsync()).Select(c => (c.Email ?? "", c.Status, c.Pool ?? "", c.Label))];

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
}
