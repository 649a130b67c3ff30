using Switchyard.Hosting.Connect;

namespace Switchyard.Tests.Hosting.Connect;

public sealed class TomlEditorTests
{
    [Fact]
    public void SetTopLevel_EmptyFile_KeyBeforeAnyTable()
    {
        var toml = new TomlEditor("");
        toml.SetInTable("a", "x", "1");
        toml.SetTopLevel("model", TomlEditor.String("m"));

        Assert.Equal("model = \"m\"\n\n[a]\nx = 1\n", toml.Render());
    }

    [Fact]
    public void SetTopLevel_HeaderLikeLineInsideMultiLineString_NotATable()
    {
        var toml = new TomlEditor("s = \"\"\"\n[inside]\n\"\"\"\n[real]\nk = 1\n");
        toml.SetInTable("inside", "k", "2");

        Assert.Equal("s = \"\"\"\n[inside]\n\"\"\"\n[real]\nk = 1\n\n[inside]\nk = 2\n", toml.Render());
    }

    [Fact]
    public void SetInTable_QuotedKeyAlreadyThere_Replaced()
    {
        var toml = new TomlEditor("[features]\n\"plugins\" = true # on\nother = 1\n");
        toml.SetInTable("features", "plugins", "false");

        Assert.Equal("[features]\nplugins = false\nother = 1\n", toml.Render());
    }

    [Theory]
    [InlineData("model_providers = { switchyard = { name = \"x\" } }\n")]
    [InlineData("model_providers.switchyard.name = \"x\"\n")]
    [InlineData("[model_providers]\nswitchyard = { name = \"x\" }\n")]
    public void ReplaceTable_TableWrittenInline_Refused(string text)
    {
        var toml = new TomlEditor(text);

        Assert.Throws<InvalidDataException>(() => toml.ReplaceTable("model_providers.switchyard", [("name", "\"y\"")]));
    }

    [Fact]
    public void String_QuotesAndBackslashes_Escaped()
    {
        Assert.Equal("\"a\\\"b\\\\c\"", TomlEditor.String("a\"b\\c"));
    }
}
