using System.Text;
using System.Text.Json;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Bench.Micro;

/// <summary>
/// <c>--stages</c>: bytes allocated per call by each stage of the benchmarked paths (read, ToUpstream, serialise;
/// one upstream event in and out), in a few seconds and without BenchmarkDotNet, to see where a path's
/// allocation goes. Single thread, counted with <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// </summary>
internal static class Stages
{
    public static void Run()
    {
        var (claude, gemini) = Routes.ClaudeAndGemini();
        var thinking = new ThinkingMemory();
        if (!AnthropicTranslator.TryRead(Samples.Anthropic, out var anthropic, out _)
            || !OpenAITranslator.TryParse(Samples.OpenAI, out var openAI, out _)
            || !GeminiTranslator.TryParse(Samples.Gemini, out var geminiRequest, out _))
        {
            throw new InvalidOperationException("A sample request does not parse.");
        }

        Measure("anthropic read", () => AnthropicTranslator.TryRead(Samples.Anthropic, out _, out _));
        Measure("anthropic ToUpstream", () => AnthropicTranslator.ToUpstream(anthropic, Routes.Context(claude, thinking)));
        var fromAnthropic = AnthropicTranslator.ToUpstream(anthropic, Routes.Context(claude, thinking));
        Measure("anthropic serialise", () => JsonSerializer.SerializeToUtf8Bytes(fromAnthropic, UpstreamJsonContext.Default.UpstreamEnvelope));
        Measure("openai read", () => OpenAITranslator.TryParse(Samples.OpenAI, out _, out _));
        Measure("openai ToUpstream", () => OpenAITranslator.ToUpstream(openAI, Routes.Context(gemini, thinking)));
        var fromOpenAI = OpenAITranslator.ToUpstream(openAI, Routes.Context(gemini, thinking));
        Measure("openai serialise", () => JsonSerializer.SerializeToUtf8Bytes(fromOpenAI, UpstreamJsonContext.Default.UpstreamEnvelope));
        Measure("gemini read", () => GeminiTranslator.TryParse(Samples.Gemini, out _, out _));
        Measure("gemini ToUpstream", () => GeminiTranslator.ToUpstream(geminiRequest, Routes.Context(gemini, thinking)));
        var fromGemini = GeminiTranslator.ToUpstream(geminiRequest, Routes.Context(gemini, thinking));
        Measure("gemini serialise", () => JsonSerializer.SerializeToUtf8Bytes(fromGemini, UpstreamJsonContext.Default.UpstreamEnvelope));
        Measure("one tool schema, claude route", () => ToolSchemas.ForUpstream(anthropic.Tools![0].InputSchema, claude));
        Measure("one tool schema, gemini route", () => ToolSchemas.ForUpstream(anthropic.Tools![0].InputSchema, gemini));

        var events = Encoding.UTF8.GetString(Samples.Stream("gemini", 6)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var data = events[2]["data: ".Length..];
        var bytes = Encoding.UTF8.GetBytes(data);
        Measure("upstream event, from string", () => JsonSerializer.Deserialize(data, UpstreamJsonContext.Default.UpstreamResponseEnvelope));
        Measure("upstream event, from bytes", () => JsonSerializer.Deserialize(bytes, UpstreamJsonContext.Default.UpstreamResponseEnvelope));
        var envelope = JsonSerializer.Deserialize(bytes, UpstreamJsonContext.Default.UpstreamResponseEnvelope)!;
        Measure("gemini event out (JSON string)", () => GeminiTranslator.ToJson(envelope.Response! with { ModelVersion = "gemini-3-flash" }));
    }

    private static void Measure(string name, Func<object?> action)
    {
        for (var i = 0; i < 50; i++)
        {
            _ = action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = action();
        }

        Console.WriteLine($"{name,-34} {(GC.GetAllocatedBytesForCurrentThread() - before) / 100,8} B");
    }
}
