using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchyard.FrontDoors;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Recovery;
using Switchyard.RequestLog;
using Switchyard.Upstream;
using Switchyard.Upstream.Wire;
using static Switchyard.Tests.Recovery.Convo;

namespace Switchyard.Tests.Recovery;

public sealed class SessionRecoveryTests
{
    private static readonly ModelRoute s_claude = new("claude-opus-4-6-thinking", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true);

    private static SessionRecovery Recovery(RecoveryOptions? options = null) =>
        new(new StaticMonitor(options ?? new RecoveryOptions()), NullLogger<SessionRecovery>.Instance);

    private static (DefaultHttpContext Http, RequestTrace Trace) Context()
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider()).BuildServiceProvider(),
        };
        var trace = new RequestTrace { Id = "r1", StartedAt = DateTimeOffset.UnixEpoch, StartTimestamp = 0, Protocol = "anthropic", Endpoint = "/v1/messages" };
        http.Items[RequestTrace.ItemKey] = trace;
        return (http, trace);
    }

    private static TranslationContext Ctx() => new(s_claude, "p", "agent-1", new ThinkingMemory());

    private static UpstreamEnvelope Broken() =>
        Claude(thinking: false, User(Text("go")), Model(Call("toolu_1")), User(Text("next")));

    private static UpstreamEnvelope Read(UpstreamEnvelope envelope) => envelope;

    [Fact]
    public void Build_BrokenConversation_RepairedRecordedAndAnnounced()
    {
        var (http, trace) = Context();

        var body = Recovery().Build(http, s_claude, _ => Broken())(Ctx());

        Assert.NotNull(Read(body).Request.Contents[2].Parts[0].FunctionResponse);
        Assert.Equal(RepairKinds.MissingToolResult, Assert.Single(trace.Repairs).Kind);
        Assert.Equal(RepairKinds.MissingToolResult, http.Response.Headers[SessionRecovery.RepairsHeader].ToString());
    }

    [Fact]
    public void Build_RecoveryOff_SentAsTranslated()
    {
        var (http, trace) = Context();

        var body = Recovery(new RecoveryOptions { SessionRecovery = false }).Build(http, s_claude, _ => Broken())(Ctx());

        Assert.Equal(3, Read(body).Request.Contents.Count);
        Assert.Empty(trace.Repairs);
        Assert.False(http.Response.Headers.ContainsKey(SessionRecovery.RepairsHeader));
    }

    [Fact]
    public void Build_KeepThinkingOption_ReachesTheTranslator()
    {
        var (http, _) = Context();
        bool? seen = null;

        Recovery(new RecoveryOptions { KeepThinking = true }).Build(http, s_claude, ctx =>
        {
            seen = ctx.KeepThinking;
            return Claude(thinking: false, User(Text("hi")));
        })(Ctx());

        Assert.True(seen);
    }

    [Fact]
    public void RepairRejection_KnownRejection_RepairedBodyOnceOnly()
    {
        var (http, trace) = Context();
        var recovery = Recovery();
        recovery.Build(http, s_claude, _ => Claude(thinking: false, User(Text("go")), Model(Thought("t", Sig), Text("x")), User(Text("y"))))(Ctx());
        var rejection = ClaudeRejection(Convo.Texts.InvalidSignature(1));

        var first = recovery.RepairRejection(http, 400, rejection);
        var second = recovery.RepairRejection(http, 400, rejection);

        Assert.NotNull(first);
        Assert.DoesNotContain(Read(first).Request.Contents.SelectMany(c => c.Parts), p => p.Thought == true);
        Assert.Null(second);
        Assert.Equal(RepairKinds.ThinkingStripped, Assert.Single(trace.Repairs).Kind);
    }

    [Fact]
    public void RepairRejection_PromptTooLongOrNothingSent_Null()
    {
        var (http, _) = Context();
        var recovery = Recovery();

        Assert.Null(recovery.RepairRejection(http, 400, ClaudeRejection(Convo.Texts.ThinkingDisabled)));
        recovery.Build(http, s_claude, _ => Broken())(Ctx());
        Assert.Null(recovery.RepairRejection(http, 400, ClaudeRejection(Convo.Texts.PromptTooLong)));
    }

    [Fact]
    public void StreamCut_RecordsErrorAndCutStream()
    {
        var (http, trace) = Context();

        Recovery().StreamCut(http, "anthropic", new UpstreamStreamException("The upstream stream ended before its final event."));

        Assert.Equal("The upstream stream ended before its final event.", trace.Error);
        Assert.Equal(RepairKinds.CutStream, Assert.Single(trace.Repairs).Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_EmptyThenContent_RetriedAndRecorded()
    {
        var (http, trace) = Context();
        var bodies = new Queue<string>(["", "data: {\"response\":{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}]},\"finishReason\":\"STOP\"}]}}\n\n"]);
        var sends = 0;

        using var opened = await Recovery().OpenStreamAsync(http, AnthropicProtocolErrors.Instance, () =>
        {
            sends++;
            return Task.FromResult<UpstreamAttempt?>(Attempt(bodies.Dequeue()));
        });

        Assert.NotNull(opened);
        Assert.Equal(2, sends);
        Assert.Equal(RepairKinds.EmptyStream, Assert.Single(trace.Repairs).Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_AlwaysEmpty_BoundedThen502InProtocol()
    {
        var (http, trace) = Context();
        http.Response.Body = new MemoryStream();
        var sends = 0;

        var opened = await Recovery(new RecoveryOptions { MaxEmptyStreamRetries = 1 }).OpenStreamAsync(http, AnthropicProtocolErrors.Instance, () =>
        {
            sends++;
            return Task.FromResult<UpstreamAttempt?>(Attempt(""));
        });

        Assert.Null(opened);
        Assert.Equal(2, sends);
        Assert.Equal(502, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(http.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        var json = document.RootElement;
        Assert.Equal("api_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.NotNull(trace.Error);
    }

    private static UpstreamAttempt Attempt(string sse)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(sse)) };
        return new UpstreamAttempt(new GenerateCall(response, 200, null, null, "prod"), Ctx(), null!);
    }

    private sealed class StaticMonitor(RecoveryOptions value) : IOptionsMonitor<RecoveryOptions>
    {
        public RecoveryOptions CurrentValue => value;

        public RecoveryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RecoveryOptions, string?> listener) => null;
    }
}
