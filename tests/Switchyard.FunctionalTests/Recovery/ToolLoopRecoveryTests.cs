using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Recovery.RecoveryHarness;

namespace Switchyard.FunctionalTests.Recovery;

/// <summary>
/// A five-turn tool loop with thinking through /v1/messages whose history the client alters between turns the
/// way real clients do: thinking dropped, signatures gone stale (the emulator's signing key rotated), a tool
/// call interrupted. Every turn completes, whether the upstream wants thinking on every tool-call turn or only on the
/// final one (and each other open reading of the emulator, <c>strict</c> or not).
/// </summary>
public sealed class ToolLoopRecoveryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_FiveTurnLoopWithAlteredHistory_EveryTurnCompletes(bool strict)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.SetReadingsAsync(strict, Ct);
        await ScriptAsync(h,
            Reply("Paris first.", "Paris"),
            Reply("Now London.", "London"),
            Reply("Two at once.", "Rome", "Oslo"),
            Reply("Last one.", "Bern"),
            Reply("Summing up."));
        var history = new List<JsonObject> { UserText("Weather in five cities, one at a time please.") };
        var repairs = new List<string>();

        // Turn 1: the loop starts.
        var content = await TurnAsync(h, history, repairs);
        var paris = ToolIds(content).Single();

        // Turn 2: the client drops the thinking blocks from the assistant message it replays.
        history.Add(Assistant(new JsonArray(content.Where(b => (string)b!["type"]! != "thinking").Select(b => b!.DeepClone()).ToArray())));
        history.Add(ToolResults(paris));
        content = await TurnAsync(h, history, repairs);
        var london = ToolIds(content).Single();

        // Turn 3: the upstream's signing key has rotated since, so every signature the client holds is stale.
        history.Add(Assistant(content.DeepClone().AsArray()));
        history.Add(ToolResults(london));
        RotateSigningKey(h.Emulator);
        content = await TurnAsync(h, history, repairs);
        var pair = ToolIds(content);
        Assert.Equal(2, pair.Count);

        // Turn 4: the user interrupted the second call; only the first has a result.
        history.Add(Assistant(content.DeepClone().AsArray()));
        history.Add(ToolResults(pair[0]));
        content = await TurnAsync(h, history, repairs);
        var bern = ToolIds(content).Single();

        // Turn 5: the last result; the model answers.
        history.Add(Assistant(content.DeepClone().AsArray()));
        history.Add(ToolResults(bern));
        content = await TurnAsync(h, history, repairs);
        Assert.Contains(content, b => (string)b!["type"]! == "text");

        Assert.Equal("", repairs[0]);
        Assert.Contains("thinking-stripped", repairs[2], StringComparison.Ordinal);
        Assert.Contains("missing-tool-result", repairs[3], StringComparison.Ordinal);
        var calls = await h.GenerateCallsAsync();
        Assert.Equal(1, calls.Count(c => c.Status == 400));
        Assert.Equal("invalid-signature", calls.Single(c => c.Status == 400).Outcome);
        Assert.Equal(5, calls.Count(c => c.Status == 200));
    }

    private static async Task<JsonArray> TurnAsync(FrontDoorHarness h, List<JsonObject> history, List<string> repairs)
    {
        var body = Messages([.. history.Select(m => m.DeepClone().AsObject())]);
        using var response = await h.PostAsync("v1/messages", body.ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"turn {repairs.Count + 1}: {json.ToJsonString()}");
        repairs.Add(Repairs(response));
        return json["content"]!.AsArray();
    }

    private static JsonObject Assistant(JsonArray content) => new() { ["role"] = "assistant", ["content"] = content };

    private static List<string> ToolIds(JsonArray content) =>
        content.Where(b => (string)b!["type"]! == "tool_use").Select(b => (string)b!["id"]!).ToList();
}
