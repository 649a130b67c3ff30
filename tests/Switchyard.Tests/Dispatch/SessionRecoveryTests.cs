using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchyard.Dispatch;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Recovery;
using Switchyard.RequestLog;
using Switchyard.Upstream;
using Switchyard.Upstream.Wire;
using Switchyard.Tests.Recovery;
using static Switchyard.Tests.Recovery.Convo;

namespace Switchyard.Tests.Dispatch;

public sealed class SessionRecoveryTests
{
    private static readonly ModelRoute s_claude = new("claude-opus-4-6-thinking", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true);
    private static readonly ModelRoute s_sonnet = new("claude-sonnet-4-6", "claude-sonnet-4-6", ModelFamily.Claude, "claude", Thinking: false);

    private static SessionRecovery Recovery(RecoveryOptions? options = null) =>
        new(new StaticMonitor(options ?? new RecoveryOptions()), new ThinkingMemory(), NullLogger<SessionRecovery>.Instance);

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

        var body = Recovery().Build(http, s_sonnet, _ => Broken())(Ctx());

        Assert.NotNull(Read(body).Request.Contents[2].Parts[0].FunctionResponse);
        Assert.Equal(RepairKinds.MissingToolResult, Assert.Single(trace.Repairs).Kind);
        Assert.Equal(RepairKinds.MissingToolResult, http.Response.Headers[DispatchHeaders.Repairs].ToString());
    }

    [Fact]
    public void Build_RecoveryOff_SentAsTranslated()
    {
        var (http, trace) = Context();

        var body = Recovery(new RecoveryOptions { SessionRecovery = false }).Build(http, s_claude, _ => Broken())(Ctx());

        Assert.Equal(3, Read(body).Request.Contents.Count);
        Assert.Empty(trace.Repairs);
        Assert.False(http.Response.Headers.ContainsKey(DispatchHeaders.Repairs));
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
        Assert.Equal([RepairKinds.ThinkingStripped, RepairKinds.InvalidSignature], trace.Repairs.Select(r => r.Kind));
    }

    [Fact]
    public void Build_ThinkingModelWithoutThinkingConfig_ToolTurnWithoutThinkingClosed()
    {
        var (http, trace) = Context();

        var body = Recovery().Build(http, s_claude, _ => Claude(thinking: false, User(Text("go")), Model(Call("toolu_1")), User(Result("toolu_1"))))(Ctx());

        Assert.DoesNotContain(Read(body).Request.Contents.SelectMany(c => c.Parts), p => p.FunctionCall is not null);
        Assert.Equal(RepairKinds.ToolCallAsText, Assert.Single(trace.Repairs).Kind);
    }

    [Fact]
    public void Build_SentAgainAfterTheRepairedRetry_RepairedConversationNoSecondRepair()
    {
        var (http, _) = Context();
        var recovery = Recovery();
        var translations = 0;
        var build = recovery.Build(http, s_claude, _ =>
        {
            translations++;
            return Claude(thinking: false, User(Text("go")), Model(Thought("t", Sig), Text("x")), User(Text("y")));
        });
        build(Ctx());
        var repaired = recovery.RepairRejection(http, 400, ClaudeRejection(Convo.Texts.InvalidSignature(1)));

        var again = build(Ctx() with { Project = "other-project", RequestId = "agent-2" });

        Assert.Equal(1, translations);
        Assert.Equal(repaired!.Request, again.Request);
        Assert.Equal(("other-project", "agent-2"), (again.Project, again.RequestId));
        Assert.Null(recovery.RepairRejection(http, 400, ClaudeRejection(Convo.Texts.InvalidSignature(1))));
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

        var opening = await Recovery().OpenStreamAsync(http, "anthropic", () =>
        {
            sends++;
            return Task.FromResult(DispatchResult.Served(Attempt(bodies.Dequeue())));
        });
        using var opened = opening.Stream;

        Assert.NotNull(opened);
        Assert.Null(opening.Failure);
        Assert.Equal(2, sends);
        Assert.Equal(RepairKinds.EmptyStream, Assert.Single(trace.Repairs).Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_AlwaysEmpty_BoundedThen502Failure()
    {
        var (http, trace) = Context();
        var sends = 0;

        var opening = await Recovery(new RecoveryOptions { MaxEmptyStreamRetries = 1 }).OpenStreamAsync(http, "anthropic", () =>
        {
            sends++;
            return Task.FromResult(DispatchResult.Served(Attempt("")));
        });

        Assert.Null(opening.Stream);
        Assert.Equal(2, sends);
        var failure = Assert.IsType<DispatchFailure>(opening.Failure);
        Assert.Equal(502, failure.Status);
        Assert.Equal("The upstream stream ended before any content.", failure.Message);
        Assert.Equal(RepairKinds.EmptyStream, Assert.Single(trace.Repairs).Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_SendFails_FailureReturnedWithoutRetry()
    {
        var (http, _) = Context();
        var sends = 0;
        var refused = DispatchFailure.Own(429, "limited", TimeSpan.FromSeconds(7));

        var opening = await Recovery().OpenStreamAsync(http, "anthropic", () =>
        {
            sends++;
            return Task.FromResult(DispatchResult.Failed(refused));
        });

        Assert.Equal(1, sends);
        Assert.Same(refused, opening.Failure);
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
