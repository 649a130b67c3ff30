using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.Models;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Bench.Micro;

/// <summary>
/// Each front door's request path without the network, as the endpoints run it: read and validate the client
/// body, ToUpstream, serialise the upstream envelope.
/// </summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    private ModelRoute _claude = null!;
    private ModelRoute _gemini = null!;
    private ThinkingMemory _thinking = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_claude, _gemini) = Routes.ClaudeAndGemini();
        _thinking = new ThinkingMemory();

        // Fail at setup, not silently inside a measured loop.
        _ = AnthropicRequest();
        _ = OpenAIRequest();
        _ = GeminiRequest();
    }

    private TranslationContext Context(ModelRoute route) => Routes.Context(route, _thinking);

    [Benchmark]
    public byte[] AnthropicRequest()
    {
        if (!AnthropicTranslator.TryRead(Samples.Anthropic, out var request, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return JsonSerializer.SerializeToUtf8Bytes(AnthropicTranslator.ToUpstream(request, Context(_claude)), UpstreamJsonContext.Default.UpstreamEnvelope);
    }

    [Benchmark]
    public byte[] OpenAIRequest()
    {
        if (!OpenAITranslator.TryParse(Samples.OpenAI, out var request, out var error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        return JsonSerializer.SerializeToUtf8Bytes(OpenAITranslator.ToUpstream(request, Context(_gemini)), UpstreamJsonContext.Default.UpstreamEnvelope);
    }

    [Benchmark]
    public byte[] GeminiRequest()
    {
        if (!GeminiTranslator.TryParse(Samples.Gemini, out var request, out var error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        return JsonSerializer.SerializeToUtf8Bytes(GeminiTranslator.ToUpstream(request, Context(_gemini)), UpstreamJsonContext.Default.UpstreamEnvelope);
    }
}
