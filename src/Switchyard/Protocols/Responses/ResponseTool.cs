using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// One tool, flat: <c>function</c> (name, description, parameters, strict), <c>custom</c> (name, description,
/// format {type: text|grammar, syntax, definition}), <c>namespace</c> (name, description, tools), <c>web_search</c>
/// and its dated spellings (search_context_size, user_location, filters, external_web_access), <c>tool_search</c>
/// (Codex's client-side tool discovery). Other fields are kept in <see cref="Extra"/> and echoed back.
/// </summary>
internal sealed record ResponseTool
{
    public string? Type { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public JsonNode? Parameters { get; set; }
    public bool? Strict { get; set; }
    public ResponseCustomFormat? Format { get; set; }
    public List<ResponseTool>? Tools { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A custom tool's input format: <c>{type: text}</c> or <c>{type: grammar, syntax: lark|regex, definition}</c>.</summary>
internal sealed record ResponseCustomFormat
{
    public string? Type { get; set; }
    public string? Syntax { get; set; }
    public string? Definition { get; set; }
}
