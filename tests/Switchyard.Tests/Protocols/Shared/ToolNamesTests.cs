using System.Text.Json.Nodes;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

#pragma warning disable CA1716 // folder = namespace; "Shared" mirrors src/Switchyard/Protocols/Shared
namespace Switchyard.Tests.Protocols.Shared;
#pragma warning restore CA1716

public sealed class ToolNamesTests
{
    private static readonly string LongMcp = "mcp__github_enterprise_server__list_pull_request_review_comments_for_repository";

    [Theory]
    [InlineData("get_weather", true)]
    [InlineData("mcp__fs__read.file:v2-x", true)]
    [InlineData("_private", true)]
    [InlineData("1password_lookup", false)]
    [InlineData("read file", false)]
    [InlineData("", false)]
    [InlineData("ünïcode", false)]
    public void IsValid_UpstreamRule(string name, bool valid)
    {
        Assert.Equal(valid, ToolNames.IsValid(name));
    }

    [Theory]
    [InlineData("1password_lookup", "_1password_lookup")]
    [InlineData("read file", "read_file")]
    [InlineData("get/weather", "get_weather")]
    public void ToUpstream_InvalidName_ReadableValidName(string name, string expected)
    {
        Assert.Equal(expected, ToolNames.ToUpstream(name));
    }

    [Fact]
    public void ToUpstream_NameOver64_CutWithHashStableAndValid()
    {
        var upstream = ToolNames.ToUpstream(LongMcp);

        Assert.True(ToolNames.IsValid(upstream));
        Assert.Equal(64, upstream.Length);
        Assert.StartsWith(LongMcp[..55] + "_", upstream, StringComparison.Ordinal);
        Assert.Equal(upstream, ToolNames.ToUpstream(LongMcp));
        Assert.NotEqual(upstream, ToolNames.ToUpstream(LongMcp + "_other"));
    }

    [Fact]
    public void For_TwoNamesReachingOneUpstreamName_CollisionFreeAndReversible()
    {
        var map = ToolNameMap.For(["read file", "read_file", "read/file"]);

        var upstream = new[] { map.Upstream("read file"), map.Upstream("read_file"), map.Upstream("read/file") };
        Assert.Equal(3, upstream.Distinct().Count());
        Assert.All(upstream, n => Assert.True(ToolNames.IsValid(n)));
        Assert.Equal("read_file", map.Upstream("read_file"));
        Assert.Equal("read file", map.Client(map.Upstream("read file")));
        Assert.Equal("read/file", map.Client(map.Upstream("read/file")));
    }

    [Fact]
    public void Apply_InvalidNames_DeclarationsChoiceHistoryRenamedAndReplyMappedBack()
    {
        var envelope = new UpstreamEnvelope
        {
            Model = "claude-opus-4-6-thinking",
            Request = new UpstreamRequest
            {
                Tools = [new Tool { FunctionDeclarations = [new FunctionDeclaration { Name = "1password_lookup" }, new FunctionDeclaration { Name = LongMcp }] }],
                ToolConfig = new ToolConfig { FunctionCallingConfig = new FunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [LongMcp] } },
                Contents =
                [
                    new Content { Role = "user", Parts = [new Part { Text = "go" }] },
                    new Content { Role = "model", Parts = [new Part { FunctionCall = new FunctionCall { Name = "1password_lookup", Id = "t1" } }] },
                    new Content { Role = "user", Parts = [new Part { FunctionResponse = new FunctionResponse { Name = "1password_lookup", Id = "t1" } }] },
                ],
            },
        };

        var (sent, map) = ToolNames.Apply(envelope);

        Assert.NotNull(map);
        var declared = sent.Request.Tools![0].FunctionDeclarations!.Select(d => d.Name).ToList();
        Assert.All(declared, n => Assert.True(ToolNames.IsValid(n)));
        Assert.Equal([declared[1]], sent.Request.ToolConfig!.FunctionCallingConfig!.AllowedFunctionNames);
        Assert.Equal("_1password_lookup", sent.Request.Contents[1].Parts[0].FunctionCall!.Name);
        Assert.Equal("_1password_lookup", sent.Request.Contents[2].Parts[0].FunctionResponse!.Name);
        Assert.Equal("1password_lookup", envelope.Request.Contents[1].Parts[0].FunctionCall!.Name);

        var reply = new GenerateContentResponse
        {
            Candidates = [new Candidate { Content = new Content { Role = "model", Parts = [new Part { FunctionCall = new FunctionCall { Name = declared[1], Args = new JsonObject() } }] } }],
        };
        Assert.Equal(LongMcp, map.Restore(reply)!.Candidates![0].Content!.Parts[0].FunctionCall!.Name);
    }

    [Fact]
    public void Apply_AllNamesValid_SameEnvelopeNoMap()
    {
        var envelope = new UpstreamEnvelope
        {
            Model = "m",
            Request = new UpstreamRequest { Tools = [new Tool { FunctionDeclarations = [new FunctionDeclaration { Name = "get_weather" }] }] },
        };

        var (sent, map) = ToolNames.Apply(envelope);

        Assert.Same(envelope, sent);
        Assert.Null(map);
    }
}
