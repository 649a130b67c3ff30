using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Responses;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.Responses;

public sealed class ResponsesWebSearchTests
{
    [Fact]
    public void Continue_PendingSearch_AppendsTheModelTurnAndAnAnswer()
    {
        var ctx = new TranslationContext(new ModelRoute("c", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true), "p", "r", new ThinkingMemory());
        var previous = new UpstreamEnvelope
        {
            Model = "claude-opus-4-6-thinking",
            Request = new UpstreamRequest { Contents = [new Content { Role = "user", Parts = [new Part { Text = "news?" }] }] },
        };
        var call = new Part { FunctionCall = new FunctionCall { Name = "web_search", Args = new JsonObject { ["query"] = "q" }, Id = "toolu_s" } };
        var thought = new Part { Thought = true, Text = "search", ThoughtSignature = "sig" };

        var next = ResponsesWebSearch.Continue(previous, [thought, call], [(new PendingSearch("toolu_s", "q", call), "answer")], ctx);

        Assert.Single(previous.Request.Contents);
        Assert.Equal(["user", "model", "user"], next.Request.Contents.Select(c => c.Role));
        Assert.Equal([thought, call], next.Request.Contents[1].Parts);
        var response = next.Request.Contents[2].Parts.Single().FunctionResponse!;
        Assert.Equal(("web_search", "toolu_s", "answer"), (response.Name, response.Id, (string?)response.Response!["content"]));
    }
}
