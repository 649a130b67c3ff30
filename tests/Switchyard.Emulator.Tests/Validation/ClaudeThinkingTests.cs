using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>Claude thinking order, thinking block shape and thinking-disabled rules.</summary>
public sealed class ClaudeThinkingTests
{
    [Fact]
    public async Task Generate_ToolLoopStartingWithSignedThinking_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = Envelope(Opus, ClaudeToolLoop(emu.Server.State.Signatures), ThinkingOn());

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_FinalModelTurnStartsWithToolUse_GetsThinkingOrder()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.ThinkingOrder(1, "tool_use"));
        Assert.Equal("thinking-order", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_FinalModelTurnStartsWithText_GetsThinkingOrderFoundText()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signatures = emu.Server.State.Signatures;
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Thought("Read it.", signatures.Sign(Signatures.Claude, "Read it.")), Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
            Model(Text("Now b."), Call("read_file", "toolu_2")),
            User(Response("read_file", "toolu_2")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response,
            "messages.3.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`.");
    }

    [Fact]
    public async Task Generate_EarlierTurnsWithoutThinkingBeforeNewUserTextWithFinalTurnReading_Pass()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"thinkingOnEveryToolTurn":false}}""");
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
            Model(Text("Done.")),
            User(Text("Thanks, now summarise.")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_NoThinkingWithThinkingOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents = [User(Text("Read a.txt")), Model(Call("read_file", "toolu_1")), User(Response("read_file", "toolu_1"))];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_ThinkingOrderToggleOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"thinkingOrder":false}}""");
        JsonArray contents = [User(Text("Read a.txt")), Model(Call("read_file", "toolu_1")), User(Response("read_file", "toolu_1"))];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("""{"include_thoughts": true}""")]
    [InlineData("""{"thinkingLevel": "high"}""")]
    [InlineData("""{"thinking_budget": 2048}""")]
    public async Task Generate_ThinkingEnabledInAnySpelling_EnforcesOrder(string thinkingConfig)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents = [User(Text("Read a.txt")), Model(Call("read_file", "toolu_1")), User(Response("read_file", "toolu_1"))];
        var generation = new JsonObject { ["max_output_tokens"] = 64000, ["thinking_config"] = JsonNode.Parse(thinkingConfig) };

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, generation), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.ThinkingOrder(1, "tool_use"));
    }

    [Fact]
    public async Task Generate_ThinkingInFinalAssistantWithThinkingOff_GetsThinkingDisabled()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("rejectAssistantPrefill", false);
        var signatures = emu.Server.State.Signatures;
        JsonArray contents = [User(Text("Hi")), Model(Thought("Hmm.", signatures.Sign(Signatures.Claude, "Hmm.")), Text("Hel"))];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.ThinkingDisabled);
        Assert.Equal("thinking-disabled", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_ThinkingInFinalAssistantWithThinkingOn_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("rejectAssistantPrefill", false);
        var signatures = emu.Server.State.Signatures;
        JsonArray contents = [User(Text("Hi")), Model(Thought("Hmm.", signatures.Sign(Signatures.Claude, "Hmm.")), Text("Hel"))];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_ThoughtPartWithCacheControl_GetsExtraInputs()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var loop = ClaudeToolLoop(emu.Server.State.Signatures);
        loop[1]!["parts"]![0]!["cache_control"] = new JsonObject { ["type"] = "ephemeral" };

        using var response = await emu.GenerateAsync(Envelope(Opus, loop, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, "messages.1.content.0.thinking.cache_control: Extra inputs are not permitted");
        Assert.Equal("extra-inputs", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_ThoughtPartWithoutText_GetsThinkingFieldRequired()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var loop = ClaudeToolLoop(emu.Server.State.Signatures);
        loop[1]!["parts"]![0]!.AsObject().Remove("text");

        using var response = await emu.GenerateAsync(Envelope(Opus, loop, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, "messages.1.content.0.thinking.thinking: Field required");
    }

    [Fact]
    public async Task Generate_BudgetBelow1024_GetsBudgetTooSmall()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var generation = ThinkingOn();
        generation["thinkingConfig"]!["thinkingBudget"] = 1023;

        using var response = await emu.GenerateAsync(Envelope(Opus, ClaudeToolLoop(emu.Server.State.Signatures), generation), await emu.TokenAsync());

        await AssertClaude400Async(response, "thinking.budget_tokens: Input should be greater than or equal to 1024");
        Assert.Equal("thinking-budget", await emu.LastOutcomeAsync());
    }

    [Theory]
    [InlineData(8192, 8192)]
    [InlineData(32768, 16000)]
    public async Task Generate_BudgetNotBelowMaxOutput_GetsBudgetAboveMax(int budget, int maxOutput)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var generation = ThinkingOn();
        generation["thinkingConfig"]!["thinkingBudget"] = budget;
        generation["maxOutputTokens"] = maxOutput;

        using var response = await emu.GenerateAsync(Envelope(Opus, ClaudeToolLoop(emu.Server.State.Signatures), generation), await emu.TokenAsync());

        await AssertClaude400Async(response, "`max_tokens` must be greater than `thinking.budget_tokens`");
    }

    [Fact]
    public async Task Generate_BudgetRulesWithMaxTokensOff_Pass()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"maxTokens":false}}""");
        var generation = ThinkingOn();
        generation["thinkingConfig"]!["thinkingBudget"] = 8192;
        generation["maxOutputTokens"] = 4096;

        using var response = await emu.GenerateAsync(Envelope(Opus, ClaudeToolLoop(emu.Server.State.Signatures), generation), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData(Sonnet)]
    [InlineData(Opus)]
    public async Task Generate_TrailingAssistantTurn_GetsPrefillUnsupported(string model)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents = [User(Text("Hi")), Model(Text("Hel"))];

        using var response = await emu.GenerateAsync(Envelope(model, contents), await emu.TokenAsync());

        await AssertClaude400Async(response, "This model does not support assistant message prefill");
        Assert.Equal("assistant-prefill", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_TrailingAssistantTurnWithPrefillAllowed_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("rejectAssistantPrefill", false);
        JsonArray contents = [User(Text("Hi")), Model(Text("Hel"))];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
