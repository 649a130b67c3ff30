using Switchyard.Dispatch;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Dispatch;

public sealed class ReplyContentTests
{
    private static UpstreamResponseEnvelope Reply(string? finish, params Part[] parts) => new()
    {
        Response = new GenerateContentResponse
        {
            Candidates = [new Candidate { FinishReason = finish, Content = new Content { Role = "model", Parts = [.. parts] } }],
        },
    };

    private static readonly Dictionary<string, UpstreamResponseEnvelope> s_replies = new()
    {
        ["text"] = Reply("STOP", new Part { Text = "hi" }),
        ["call"] = Reply("STOP", new Part { FunctionCall = new FunctionCall { Name = "f" } }),
        ["thinking only"] = Reply("STOP", new Part { Thought = true, Text = "thinking only" }),
        ["safety, no parts"] = Reply("SAFETY"),
        ["max tokens, no parts"] = Reply("MAX_TOKENS"),
        ["stop, no parts"] = Reply("STOP"),
        ["empty text"] = Reply("STOP", new Part { Text = "" }),
        ["no finish, no parts"] = Reply(null),
        ["no candidates"] = new UpstreamResponseEnvelope { Response = new GenerateContentResponse { Candidates = [] } },
        ["no response"] = new UpstreamResponseEnvelope(),
    };

    [Theory]
    [InlineData("text", true)]
    [InlineData("call", true)]
    [InlineData("thinking only", true)]
    [InlineData("safety, no parts", true)]
    [InlineData("max tokens, no parts", true)]
    [InlineData("stop, no parts", false)]
    [InlineData("empty text", false)]
    [InlineData("no finish, no parts", false)]
    [InlineData("no candidates", false)]
    [InlineData("no response", false)]
    public void HasContent_Reply_OnlyWhenThereIsSomethingForTheClient(string reply, bool expected)
    {
        Assert.Equal(expected, SessionRecovery.HasContent(s_replies[reply]));
    }
}
