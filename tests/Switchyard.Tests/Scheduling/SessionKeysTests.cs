using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

public sealed class SessionKeysTests
{
    private const string Reminder = "<system-reminder>\nAs you answer, use the context below.\n</system-reminder>";

    private static SessionKey Derive(SessionKeyInputs inputs) => Assert.IsType<SessionKey>(SessionKeys.Derive(inputs));

    [Fact]
    public void Derive_JsonUserId_UsesSessionId()
    {
        var a = Derive(new("anthropic", AnthropicUserId: """{"device_id":"d1","account_uuid":"","session_id":"s-1"}"""));
        var sameSessionOtherDevice = Derive(new("anthropic", AnthropicUserId: """{"device_id":"d2","account_uuid":"x","session_id":"s-1"}"""));
        var otherSession = Derive(new("anthropic", AnthropicUserId: """{"device_id":"d1","account_uuid":"","session_id":"s-2"}"""));

        Assert.Equal("metadata.user_id.session_id", a.Source);
        Assert.Equal(a.Value, sameSessionOtherDevice.Value);
        Assert.NotEqual(a.Value, otherSession.Value);
    }

    [Fact]
    public void Derive_PlainUserId_UsedAsIs()
    {
        var key = Derive(new("anthropic", AnthropicUserId: "user_abc_account__session_123", UserMessages: ["hello there"]));

        Assert.Equal("metadata.user_id", key.Source);
        Assert.NotEqual(Derive(new("anthropic", AnthropicUserId: "user_abc_account__session_456")).Value, key.Value);
    }

    [Fact]
    public void Derive_ClaudeCodeHeaderAnyCase_UsedBeforeMessages()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["x-claude-code-session-id"] = "uuid-1" };

        var key = Derive(new("anthropic", headers, UserMessages: ["Say hello"]));

        Assert.Equal("x-claude-code-session-id", key.Source);
    }

    [Theory]
    [InlineData("x-session-affinity")]
    [InlineData("x-session-id")]
    public void Derive_OpencodeHeaders_Used(string header)
    {
        var key = Derive(new("openai", new Dictionary<string, string> { [header] = "ses_abc" }, OpenAIUser: "u"));

        Assert.Equal(header, key.Source);
    }

    [Fact]
    public void Derive_PromptCacheKeyThenUser()
    {
        Assert.Equal("prompt_cache_key", Derive(new("openai", PromptCacheKey: "conv-1", OpenAIUser: "alice")).Source);
        Assert.Equal("user", Derive(new("openai", OpenAIUser: "alice", UserMessages: ["Hello world"])).Source);
    }

    [Fact]
    public void Derive_FirstMessageWithReminders_StableAcrossTurnsAndReminderChanges()
    {
        var turn1 = Derive(new("anthropic", UserMessages: [Reminder + " Say hello"]));
        var turn2 = Derive(new("anthropic", UserMessages: [Reminder + " Say hello", "and now goodbye"]));
        var otherReminder = Derive(new("anthropic", UserMessages: ["<system-reminder>different</system-reminder>Say hello"]));
        var otherPrompt = Derive(new("anthropic", UserMessages: [Reminder + " Say goodbye"]));

        Assert.Equal("first-user-message", turn1.Source);
        Assert.Equal(turn1.Value, turn2.Value);
        Assert.Equal(turn1.Value, otherReminder.Value);
        Assert.NotEqual(turn1.Value, otherPrompt.Value);
    }

    [Fact]
    public void Derive_FirstMessageOnlyReminders_UsesTheNextRealMessage()
    {
        var key = Derive(new("anthropic", UserMessages: [Reminder, "[System note] ignore", "Fix the build"]));

        Assert.Equal(Derive(new("anthropic", UserMessages: ["Fix the build"])).Value, key.Value);
    }

    [Fact]
    public void Derive_UnclosedReminder_StrippedToTheEnd()
    {
        Assert.Equal("Start", SessionKeys.WithoutReminders("Start <system-reminder> never closed"));
    }

    [Fact]
    public void Derive_Nothing_Null()
    {
        Assert.Null(SessionKeys.Derive(new("gemini")));
    }

    [Fact]
    public void Derive_AnyKey_IsSidPlus16LowerHexAndHidesTheValue()
    {
        var key = Derive(new("openai", OpenAIUser: "alice@example.com"));

        Assert.Matches("^sid-[0-9a-f]{16}$", key.Value);
        Assert.DoesNotContain("alice", key.Value, StringComparison.Ordinal);
    }
}
