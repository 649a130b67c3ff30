using System.Net.ServerSentEvents;
using BenchmarkDotNet.Attributes;
using Switchyard.Models;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream;

namespace Switchyard.Bench.Micro;

/// <summary>
/// Each front door's stream path without the network: parse the upstream SSE recorded from the emulator,
/// FromUpstreamStreamAsync, format the client SSE (as SseResponse does, into a byte-counting stream).
/// </summary>
[MemoryDiagnoser]
public class StreamBenchmarks
{
    private ModelRoute _claude = null!;
    private ModelRoute _gemini = null!;
    private ThinkingMemory _thinking = null!;
    private byte[] _claudeStream = [];
    private byte[] _geminiStream = [];
    private ChatCompletionRequest _openAIRequest = null!;

    /// <summary>Upstream events in the stream: the recorded six, or a longer reply built from them.</summary>
    [Params(6, 100)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_claude, _gemini) = Routes.ClaudeAndGemini();
        _thinking = new ThinkingMemory();
        _claudeStream = Samples.Stream("claude", Events);
        _geminiStream = Samples.Stream("gemini", Events);
        if (!OpenAITranslator.TryParse(Samples.OpenAI, out var request, out var error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        _openAIRequest = request;
    }

    private TranslationContext Context(ModelRoute route) => Routes.Context(route, _thinking);

    [Benchmark]
    public Task<long> AnthropicStream() => WriteAsync(
        AnthropicTranslator.FromUpstreamStreamAsync(UpstreamSse.ReadAsync(new MemoryStream(_claudeStream, writable: false)), Context(_claude), "claude-sonnet-4-5"));

    [Benchmark]
    public Task<long> OpenAIStream() => WriteAsync(
        OpenAITranslator.FromUpstreamStreamAsync(UpstreamSse.ReadAsync(new MemoryStream(_geminiStream, writable: false)), _openAIRequest, Context(_gemini), DateTimeOffset.UnixEpoch));

    [Benchmark]
    public Task<long> GeminiStream() => WriteAsync(
        GeminiTranslator.FromUpstreamStreamAsync(UpstreamSse.ReadAsync(new MemoryStream(_geminiStream, writable: false)), Context(_gemini)));

    private static async Task<long> WriteAsync(IAsyncEnumerable<SseItem<string>> events)
    {
        var sink = new CountingStream();
        await SseFormatter.WriteAsync(events, sink);
        return sink.Length;
    }
}
