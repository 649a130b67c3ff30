using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.Shared;

public sealed class UpstreamRequestTypesTests
{
    private static readonly ModelRoute Flash = new("gemini-3-flash", "gemini-3-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true);
    private static readonly ModelRoute Image = Flash with { UpstreamModel = "gemini-3.1-flash-image", ImageGeneration = true };

    [Fact]
    public void For_ImageModel_ImageGenEvenWithTools()
    {
        Assert.Equal("image_gen", UpstreamRequestTypes.For(Image, [new Tool { GoogleSearch = [] }]));
    }

    [Fact]
    public void For_GoogleSearchTool_WebSearch()
    {
        Assert.Equal("web_search", UpstreamRequestTypes.For(Flash, [new Tool { GoogleSearch = [] }]));
    }

    [Fact]
    public void For_FunctionsOrNothing_Agent()
    {
        Assert.Equal("agent", UpstreamRequestTypes.For(Flash, [new Tool { FunctionDeclarations = [new FunctionDeclaration { Name = "f" }] }]));
        Assert.Equal("agent", UpstreamRequestTypes.For(Flash, null));
    }
}
