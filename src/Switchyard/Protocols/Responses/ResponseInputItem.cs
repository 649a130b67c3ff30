using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// One input item, flat: which members mean something depends on <see cref="Type"/> (a missing type with a role is a
/// message). <c>message</c> (role, content), <c>reasoning</c> (summary, encrypted_content), <c>function_call</c>
/// (call_id, name, arguments, namespace), <c>custom_tool_call</c> (call_id, name, input), <c>function_call_output</c> and
/// <c>custom_tool_call_output</c> (call_id, output), <c>additional_tools</c> (tools), <c>web_search_call</c> and
/// <c>image_generation_call</c> (earlier outputs of this gateway).
/// </summary>
internal sealed record ResponseInputItem
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Role { get; set; }
    public string? Status { get; set; }

    /// <summary>A message's content (a string arrives as one <c>input_text</c> part); a reasoning item's reasoning text.</summary>
    [JsonConverter(typeof(ResponsesContentConverter))]
    public List<ResponseContentPart>? Content { get; set; }

    public string? CallId { get; set; }
    public string? Name { get; set; }
    public string? Namespace { get; set; }

    /// <summary>A function call's arguments: a JSON text.</summary>
    public string? Arguments { get; set; }

    /// <summary>A custom tool call's free-form input.</summary>
    public string? Input { get; set; }

    /// <summary>A tool output: a string (one <c>input_text</c> part) or a list of input parts.</summary>
    [JsonConverter(typeof(ResponsesContentConverter))]
    public List<ResponseContentPart>? Output { get; set; }

    public List<ResponseSummaryPart>? Summary { get; set; }
    public string? EncryptedContent { get; set; }

    /// <summary>Tools of an <c>additional_tools</c> item (they replace the request's <c>tools</c>).</summary>
    public List<ResponseTool>? Tools { get; set; }

    /// <summary>An earlier image_generation_call's image (base64).</summary>
    public string? Result { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The arguments as an object, kept by validation so the translation does not parse them again.</summary>
    [JsonIgnore]
    public System.Text.Json.Nodes.JsonObject? ParsedArguments { get; set; }

    /// <summary>The encrypted content opened by validation; null when there was none or it was not this gateway's.</summary>
    [JsonIgnore]
    public SealedReasoning? Sealed { get; set; }
}

/// <summary>
/// A content part of a message or tool output: <c>input_text</c>/<c>output_text</c>/<c>refusal</c> (text or refusal),
/// <c>input_image</c> (image_url, file_id, detail), <c>input_file</c> (file_data, file_url, filename, file_id), and in
/// reasoning content <c>reasoning_text</c>.
/// </summary>
internal sealed record ResponseContentPart
{
    public string? Type { get; set; }
    public string? Text { get; set; }
    public string? Refusal { get; set; }
    public string? ImageUrl { get; set; }
    public string? FileId { get; set; }
    public string? Detail { get; set; }
    public string? FileData { get; set; }
    public string? FileUrl { get; set; }
    public string? Filename { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A reasoning item's summary part: <c>{type: summary_text, text}</c>.</summary>
internal sealed record ResponseSummaryPart
{
    public string? Type { get; set; }
    public string? Text { get; set; }
}
