using System.Text;

namespace Switchyard.Bench.Micro;

/// <summary>
/// Request bodies shaped like a coding agent's turn (system prompt, a few turns, a tool call and its result,
/// two tool definitions) and the upstream SSE recorded from the emulator.
/// </summary>
internal static class Samples
{
    private static readonly string s_system = string.Concat(Enumerable.Repeat("You are a careful coding assistant. Answer briefly and cite files. ", 30));

    private const string Schema = """{"type":"object","properties":{"path":{"type":"string","description":"File path"},"limit":{"type":"integer"}},"required":["path"]}""";

    public static readonly byte[] Anthropic = Encoding.UTF8.GetBytes($$$"""
        {"model":"claude-sonnet-4-5","max_tokens":4096,"system":"{{{s_system}}}",
         "tools":[{"name":"read_file","description":"Read a file","input_schema":{{{Schema}}}},
                  {"name":"list_dir","description":"List a directory","input_schema":{{{Schema}}}}],
         "messages":[
           {"role":"user","content":"Where is the scheduler defined?"},
           {"role":"assistant","content":[{"type":"text","text":"Let me look."},{"type":"tool_use","id":"toolu_01","name":"list_dir","input":{"path":"src"}}]},
           {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"Scheduling/ Protocols/ Upstream/ FrontDoors/"}]},
           {"role":"assistant","content":"It is under src/Switchyard/Scheduling."},
           {"role":"user","content":"Summarise AccountScheduler.Pick in two sentences."}]}
        """);

    public static readonly byte[] OpenAI = Encoding.UTF8.GetBytes($$$"""
        {"model":"gemini-3-flash","max_tokens":4096,
         "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file","parameters":{{{Schema}}}}},
                  {"type":"function","function":{"name":"list_dir","description":"List a directory","parameters":{{{Schema}}}}}],
         "messages":[
           {"role":"system","content":"{{{s_system}}}"},
           {"role":"user","content":"Where is the scheduler defined?"},
           {"role":"assistant","content":"It is under src/Switchyard/Scheduling."},
           {"role":"user","content":"Summarise AccountScheduler.Pick in two sentences."}]}
        """);

    public static readonly byte[] Gemini = Encoding.UTF8.GetBytes($$$"""
        {"systemInstruction":{"parts":[{"text":"{{{s_system}}}"}]},
         "tools":[{"functionDeclarations":[{"name":"read_file","description":"Read a file","parameters":{{{Schema}}}},
                                           {"name":"list_dir","description":"List a directory","parameters":{{{Schema}}}}]}],
         "generationConfig":{"maxOutputTokens":4096},
         "contents":[
           {"role":"user","parts":[{"text":"Where is the scheduler defined?"}]},
           {"role":"model","parts":[{"text":"It is under src/Switchyard/Scheduling."}]},
           {"role":"user","parts":[{"text":"Summarise AccountScheduler.Pick in two sentences."}]}]}
        """);

    /// <summary>A recorded upstream stream, its middle events repeated until it has <paramref name="events"/> events.</summary>
    public static byte[] Stream(string name, int events)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", name + ".sse"));
        var recorded = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        if (events <= recorded.Length)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var middle = recorded[1..^1];
        var body = new List<string> { recorded[0] };
        for (var i = 0; body.Count < events - 1; i++)
        {
            body.Add(middle[i % middle.Length]);
        }

        body.Add(recorded[^1]);
        return Encoding.UTF8.GetBytes(string.Join("\n\n", body) + "\n\n");
    }
}
