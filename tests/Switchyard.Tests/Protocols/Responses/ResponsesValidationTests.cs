using System.Text;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Responses;

namespace Switchyard.Tests.Protocols.Responses;

public sealed class ResponsesValidationTests
{
    private static readonly ResponsesOptions Options = ResponsesGolden.Options;

    private static OpenAIError ParseError(string json, ResponsesOptions? options = null)
    {
        Assert.False(ResponsesTranslator.TryParse(Encoding.UTF8.GetBytes(json), options ?? Options, out var request, out var error));
        Assert.Null(request);
        Assert.Equal(400, error.Status);
        Assert.Equal(OpenAIErrors.InvalidRequest, error.Type);
        return error;
    }

    private static ResponsesRequest Parse(string json)
    {
        Assert.True(ResponsesTranslator.TryParse(Encoding.UTF8.GetBytes(json), Options, out var request, out var error), error?.Message);
        return request;
    }

    [Fact]
    public void TryParse_InputString_OneUserMessage()
    {
        var request = Parse("""{"model":"m","input":"hi"}""");

        var item = Assert.Single(request.Input!);
        Assert.Equal(("message", "user"), (item.Type, item.Role));
        Assert.Equal("hi", Assert.Single(item.Content!).Text);
    }

    [Fact]
    public void TryParse_MessageWithoutTypeAndStringContent_Accepted()
    {
        var request = Parse("""{"model":"m","input":[{"role":"developer","content":"be brief"},{"role":"user","content":"hi"}]}""");

        Assert.All(request.Input!, i => Assert.Equal("message", i.Type));
        Assert.Equal("be brief", request.Input![0].Content![0].Text);
    }

    [Theory]
    [InlineData("""{"input":"hi"}""", "model")]
    [InlineData("""{"model":"m"}""", "input")]
    [InlineData("""{"model":"m","input":[]}""", "input")]
    [InlineData("""{"model":"m","input":42}""", "input")]
    [InlineData("""{"model":"m","input":"hi","max_output_tokens":"many"}""", "max_output_tokens")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":"hi"},{"type":"function_call","call_id":5}]}""", "input[1].call_id")]
    [InlineData("""{"model":"m","input":"hi","include":["reasoning.encrypted_content","bogus.value"]}""", "include[1]")]
    [InlineData("""{"model":"m","input":"hi","reasoning":{"effort":"extreme"}}""", "reasoning.effort")]
    [InlineData("""{"model":"m","input":"hi","reasoning":{"summary":"long"}}""", "reasoning.summary")]
    [InlineData("""{"model":"m","input":"hi","text":{"format":{"type":"yaml"}}}""", "text.format.type")]
    [InlineData("""{"model":"m","input":"hi","text":{"format":{"type":"json_schema","name":"x"}}}""", "text.format.schema")]
    [InlineData("""{"model":"m","input":"hi","max_output_tokens":0}""", "max_output_tokens")]
    [InlineData("""{"model":"m","input":"hi","temperature":3}""", "temperature")]
    [InlineData("""{"model":"m","input":"hi","background":true}""", "background")]
    [InlineData("""{"model":"m","input":"hi","conversation":"conv_1"}""", "conversation")]
    [InlineData("""{"model":"m","input":"hi","store":true}""", "store")]
    [InlineData("""{"model":"m","input":"hi","previous_response_id":"resp_1"}""", "previous_response_id")]
    public void TryParse_BadTopLevelField_Returns400NamingIt(string json, string param)
    {
        Assert.Equal(param, ParseError(json).Param);
    }

    [Fact]
    public void TryParse_PreviousResponseIdWithoutStore_SaysNotFound()
    {
        var error = ParseError("""{"model":"m","input":"hi","previous_response_id":"resp_abc"}""");

        Assert.Equal("previous_response_not_found", error.Code);
        Assert.Contains("resp_abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_StoreTrueWithStoreEnabled_Accepted()
    {
        Assert.True(ResponsesTranslator.TryParse(
            """{"model":"m","input":"hi","store":true}"""u8, Options with { StoreEnabled = true }, out _, out var error), error?.Message);
    }

    [Theory]
    [InlineData("""{"type":"local_shell_call","call_id":"c"}""", "input[0].type")]
    [InlineData("""{"type":"item_reference","id":"msg_1"}""", "input[0].type")]
    [InlineData("""{"type":"message","role":"tool","content":"x"}""", "input[0].role")]
    [InlineData("""{"type":"message","role":"user","content":[{"type":"input_audio","data":"x"}]}""", "input[0].content[0].type")]
    [InlineData("""{"type":"message","role":"user","content":[{"type":"input_image","file_id":"file_1"}]}""", "input[0].content[0].file_id")]
    [InlineData("""{"type":"message","role":"user","content":[{"type":"input_image","image_url":"ftp://x/y.png"}]}""", "input[0].content[0].image_url")]
    [InlineData("""{"type":"message","role":"assistant","content":[{"type":"input_image","image_url":"https://x/y.png"}]}""", "input[0].content[0].type")]
    [InlineData("""{"type":"function_call","name":"f","arguments":"{}"}""", "input[0].call_id")]
    [InlineData("""{"type":"function_call","call_id":"c","name":"f","arguments":"{\"a\":"}""", "input[0].arguments")]
    [InlineData("""{"type":"function_call_output","call_id":"nowhere","output":"x"}""", "input[0].call_id")]
    [InlineData("""{"id":"x"}""", "input[0].type")]
    public void TryParse_BadInputItem_Returns400NamingIt(string item, string param)
    {
        Assert.Equal(param, ParseError($$"""{"model":"m","input":[{{item}}]}""").Param);
    }

    [Theory]
    [InlineData("""{"type":"file_search","vector_store_ids":["v"]}""", "tools[0].type")]
    [InlineData("""{"type":"computer_use_preview"}""", "tools[0].type")]
    [InlineData("""{"type":"function"}""", "tools[0].name")]
    [InlineData("""{"type":"function","name":"f","parameters":[1]}""", "tools[0].parameters")]
    [InlineData("""{"type":"custom","name":"c","format":{"type":"grammar","syntax":"ebnf","definition":"x"}}""", "tools[0].format")]
    [InlineData("""{"type":"namespace","name":"ns","tools":[{"type":"web_search"}]}""", "tools[0].tools[0].type")]
    public void TryParse_BadTool_Returns400NamingIt(string tool, string param)
    {
        var error = ParseError($$"""{"model":"m","input":"hi","tools":[{{tool}}]}""");

        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void TryParse_UnknownToolType_NamesTheTypeAndTheSupportedOnes()
    {
        var error = ParseError("""{"model":"m","input":"hi","tools":[{"type":"function","name":"f"},{"type":"code_interpreter"}]}""");

        Assert.Equal("tools[1].type", error.Param);
        Assert.Equal("unsupported_value", error.Code);
        Assert.Contains("'code_interpreter'", error.Message, StringComparison.Ordinal);
        Assert.Contains("custom", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"maybe\"", "tool_choice")]
    [InlineData("""{"type":"function","name":"missing"}""", "tool_choice.name")]
    [InlineData("""{"type":"custom","name":"f"}""", "tool_choice.name")]
    [InlineData("""{"type":"allowed_tools","mode":"sometimes","tools":[]}""", "tool_choice.mode")]
    [InlineData("""{"type":"web_search"}""", "tool_choice.type")]
    [InlineData("""{"type":"mcp"}""", "tool_choice.type")]
    public void TryParse_BadToolChoice_Returns400NamingIt(string choice, string param)
    {
        Assert.Equal(param, ParseError($$$"""{"model":"m","input":"hi","tools":[{"type":"function","name":"f"}],"tool_choice":{{{choice}}}}""").Param);
    }

    [Fact]
    public void TryParse_CodexToolSet_AcceptedWithSearchSplitFromFunctions()
    {
        var request = Parse("""
            {"model":"m","input":"hi","tools":[
              {"type":"function","name":"exec_command","parameters":{"type":"object","properties":{}}},
              {"type":"custom","name":"apply_patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}},
              {"type":"tool_search","execution":"client","parameters":{"type":"object"}},
              {"type":"web_search","external_web_access":false},
              {"type":"namespace","name":"multi_agent_v1","tools":[{"type":"function","name":"spawn_agent"}]}]}
            """);

        var map = request.ToolMap!;
        Assert.True(map.SplitSearch);
        Assert.Equal(
            ["exec_command", "apply_patch", "multi_agent_v1__spawn_agent", "web_search"],
            map.Entries.Select(e => e.UpstreamName));
    }

    [Fact]
    public void TryParse_AdditionalToolsItem_ToolsJoinTheMap()
    {
        var request = Parse("""
            {"model":"m","input":[
              {"type":"additional_tools","id":"at_1","role":"developer","tools":[{"type":"namespace","name":"functions","tools":[{"type":"custom","name":"exec"}]},
                {"type":"namespace","name":"clock","tools":[{"type":"function","name":"sleep"}]}]},
              {"role":"user","content":"hi"}]}
            """);

        Assert.Equal(["exec", "clock__sleep"], request.ToolMap!.Entries.Select(e => e.UpstreamName));
        Assert.Equal(ResponsesToolKind.Custom, request.ToolMap.FindUpstream("exec")!.Kind);
    }

    [Fact]
    public void TryParse_ClientMadeIdsAndNullEncryptedContent_Accepted()
    {
        var request = Parse("""
            {"model":"m","input":[{"role":"user","content":"hi"},
              {"type":"reasoning","id":"rs_1","summary":[],"content":null,"encrypted_content":null},
              {"type":"function_call","id":"fc_1","call_id":"call_1","name":"f","arguments":""},
              {"type":"function_call_output","id":"fco_01a2514b-012b-7943-81da-bf06259472a9","call_id":"call_1","output":"ok"},
              {"type":"custom_tool_call","id":"ctc_1","call_id":"call_2","name":"c","input":"x"},
              {"type":"custom_tool_call_output","id":"ctco_1","call_id":"call_2","output":[{"type":"input_text","text":"done"}]}]}
            """);

        Assert.Empty(request.Input![2].ParsedArguments!);
        Assert.Null(request.Input[1].Sealed);
    }

    [Fact]
    public void TryParse_TamperedEncryptedContent_Returns400NamingTheItem()
    {
        var sealedText = ResponsesGolden.Sealer.Seal(new SealedReasoning(SealedReasoning.Claude, new string('S', 60), "thinking"));
        var tampered = sealedText[..^2] + (sealedText[^2] == 'A' ? "B" : "A") + sealedText[^1];

        var error = ParseError($$"""{"model":"m","input":[{"role":"user","content":"hi"},{"type":"reasoning","id":"rs_9","summary":[],"encrypted_content":"{{tampered}}"}]}""");

        Assert.Equal("input[1].encrypted_content", error.Param);
        Assert.Equal("invalid_encrypted_content", error.Code);
        Assert.Contains("rs_9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ForeignEncryptedContent_AcceptedAndNotUsed()
    {
        var other = new ReasoningSealer(new byte[32]).Seal(new SealedReasoning(SealedReasoning.Claude, new string('S', 60), "t"));

        var request = Parse($$"""
            {"model":"m","input":[{"role":"user","content":"hi"},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAABoOpenAIFernetToken"},
              {"type":"reasoning","id":"rs_2","summary":[],"encrypted_content":"{{other}}"}]}
            """);

        Assert.Null(request.Input![1].Sealed);
        Assert.Null(request.Input[2].Sealed);
    }

    [Fact]
    public void TryParse_WrongTypeDeepInside_Returns400()
    {
        var error = ParseError("""{"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":5}]}]}""");

        Assert.Equal("input[0].content[0].text", error.Param);
    }

    [Fact]
    public void TryParse_Metadata_LimitsEnforced()
    {
        var tooMany = string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\""));

        Assert.Equal("metadata", ParseError($$$"""{"model":"m","input":"hi","metadata":{{{{tooMany}}}}}""").Param);
        Assert.Equal("metadata.k", ParseError($$$"""{"model":"m","input":"hi","metadata":{"k":"{{{new string('v', 513)}}}"}}""").Param);
    }
}
