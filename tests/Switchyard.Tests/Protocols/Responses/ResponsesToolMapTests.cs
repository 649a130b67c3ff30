using Switchyard.Protocols.Responses;
using Switchyard.Protocols.Shared;

namespace Switchyard.Tests.Protocols.Responses;

public sealed class ResponsesToolMapTests
{
    private const string LongMcp = "mcp__github_enterprise_server__list_pull_request_review_comments_for_repository";

    [Theory]
    [InlineData("read_file", "read_file")]
    [InlineData("mcp.server/tool name", "mcp.server_tool_name")]
    [InlineData("9lives", "_9lives")]
    [InlineData(LongMcp, null)]
    public void Build_ToolNames_SentByTheRulesEveryDoorShares(string name, string? expected)
    {
        var map = ResponsesToolMap.Build([new ResponseTool { Type = "function", Name = name }]);

        var entry = Assert.Single(map.Entries);
        Assert.Equal(expected ?? ToolNames.ToUpstream(name), entry.UpstreamName);
        Assert.Equal(ToolNames.ToUpstream(name), entry.UpstreamName);
        Assert.True(ToolNames.IsValid(entry.UpstreamName));
        Assert.Same(entry, map.FindUpstream(entry.UpstreamName));
        Assert.Equal(name, entry.ClientName);
    }

    [Fact]
    public void Build_NamespacedOverlongName_ValidAndDistinctFromItsNeighbour()
    {
        var map = ResponsesToolMap.Build(
        [
            new ResponseTool { Type = "namespace", Name = "mcp_server", Tools = [new ResponseTool { Type = "function", Name = new string('a', 80) }] },
            new ResponseTool { Type = "namespace", Name = "mcp_server", Tools = [new ResponseTool { Type = "function", Name = new string('a', 79) + "b" }] },
        ]);

        var names = map.Entries.Select(e => e.UpstreamName).ToList();
        Assert.Equal(2, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.True(ToolNames.IsValid(n), n));
        Assert.Equal("mcp_server", map.FindUpstream(names[1])!.Namespace);
    }

    [Fact]
    public void Build_MappedNameClashingWithAValidOne_SecondGetsASuffix()
    {
        var map = ResponsesToolMap.Build(
        [
            new ResponseTool { Type = "function", Name = "9lives" },
            new ResponseTool { Type = "function", Name = "_9lives" },
        ]);

        Assert.Equal(["_9lives", "_9lives_2"], map.Entries.Select(e => e.UpstreamName));
        Assert.Equal("9lives", map.FindUpstream("_9lives")!.ClientName);
        Assert.Equal("_9lives", map.FindUpstream("_9lives_2")!.ClientName);
    }

    [Fact]
    public void Build_ClientFunctionNamedWebSearchAndSearchTool_StandInGetsSuffix()
    {
        var map = ResponsesToolMap.Build(
        [
            new ResponseTool { Type = "function", Name = "web_search" },
            new ResponseTool { Type = "web_search" },
        ]);

        Assert.Equal(["web_search", "web_search_2"], map.Entries.Select(e => e.UpstreamName));
        Assert.Equal(ResponsesToolKind.Function, map.FindUpstream("web_search")!.Kind);
        Assert.Equal(ResponsesToolKind.WebSearch, map.FindUpstream("web_search_2")!.Kind);
    }

    [Fact]
    public void Build_DefaultNamespace_PlainNames()
    {
        var map = ResponsesToolMap.Build(
        [
            new ResponseTool { Type = "namespace", Name = "functions", Tools = [new ResponseTool { Type = "function", Name = "wait" }] },
        ]);

        var entry = Assert.Single(map.Entries);
        Assert.Equal(("wait", null), (entry.UpstreamName, entry.Namespace));
        Assert.Same(entry, map.FindClient("functions", "wait"));
    }
}
