using Switchyard.Protocols.Responses;

namespace Switchyard.Tests.Protocols.Responses;

public sealed class ResponsesToolMapTests
{
    [Theory]
    [InlineData("read_file", "read_file")]
    [InlineData("mcp.server/tool name", "mcp_server_tool_name")]
    [InlineData("9lives", "_9lives")]
    public void Sanitise_Name_OnlyCharactersBothFamiliesAccept(string name, string expected)
    {
        Assert.Equal(expected, ResponsesToolMap.Sanitise(name));
    }

    [Fact]
    public void Sanitise_OverlongName_KeepsHeadAndHashWithin64()
    {
        var a = ResponsesToolMap.Sanitise(new string('a', 80));
        var b = ResponsesToolMap.Sanitise(new string('a', 79) + "b");

        Assert.Equal(64, a.Length);
        Assert.StartsWith(new string('a', 55), a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
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
