using Microsoft.Extensions.Time.Testing;
using Switchyard.Models;
using Switchyard.Protocols.Shared;

#pragma warning disable CA1716 // folder = namespace; "Shared" mirrors src/Switchyard/Protocols/Shared
namespace Switchyard.Tests.Protocols.Shared;

public sealed class ThinkingMemoryTests
{
    private static readonly string Sig = "/w" + new string('A', 84);
    private static readonly string OtherSig = "/w" + new string('B', 84);

    [Fact]
    public void RememberClaude_ByCallAndByText_FoundAndKnownValidOnlyForThatText()
    {
        var memory = new ThinkingMemory();

        memory.RememberClaude("toolu_1", "plan", Sig);

        Assert.Equal(new SignedThinking("plan", Sig, ModelFamily.Claude), memory.Find("toolu_1"));
        Assert.Equal(Sig, memory.SignatureFor("plan"));
        Assert.True(memory.IsKnownValid("plan", Sig));
        Assert.False(memory.IsKnownValid("plan!", Sig));
        Assert.False(memory.IsKnownValid("plan", OtherSig));
    }

    [Fact]
    public void Find_AfterTheTimeToLive_Gone()
    {
        var time = new FakeTimeProvider();
        var memory = new ThinkingMemory(16, time, TimeSpan.FromHours(1));
        memory.RememberClaude("toolu_1", "plan", Sig);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(memory.Find("toolu_1"));
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(memory.Find("toolu_1"));
        Assert.Null(memory.SignatureFor("plan"));
    }

    [Fact]
    public void Remember_OverCapacity_OldestGo()
    {
        var memory = new ThinkingMemory(capacity: 2);

        memory.Remember("a", new SignedThinking("", Sig, ModelFamily.Gemini));
        memory.Remember("b", new SignedThinking("", Sig, ModelFamily.Gemini));
        memory.Remember("c", new SignedThinking("", Sig, ModelFamily.Gemini));

        Assert.Null(memory.Find("a"));
        Assert.NotNull(memory.Find("c"));
    }

    [Fact]
    public void Reject_RememberedSignature_EntriesGoneAndNeverRememberedAgain()
    {
        var memory = new ThinkingMemory();
        memory.RememberClaude("toolu_1", "plan", Sig);

        memory.Reject(Sig);
        memory.RememberClaude("toolu_2", "plan", Sig);

        Assert.True(memory.IsRejected(Sig));
        Assert.False(memory.IsRejected(OtherSig));
        Assert.Null(memory.Find("toolu_1"));
        Assert.Null(memory.Find("toolu_2"));
        Assert.False(memory.IsKnownValid("plan", Sig));
    }

    [Fact]
    public void Journal_EveryChange_WrittenAndLoadRestoresIt()
    {
        var time = new FakeTimeProvider();
        var journal = new RecordingJournal();
        var memory = new ThinkingMemory(16, time, TimeSpan.FromHours(1)) { Journal = journal };

        memory.RememberClaude("toolu_1", "plan", Sig);
        memory.Reject(OtherSig);
        var restored = new ThinkingMemory(16, time);
        restored.Load(journal.Stored);

        Assert.Equal(3, journal.Stored.Count);
        Assert.All(journal.Stored, s => Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(1), s.Expires));
        Assert.Equal("plan", restored.Find("toolu_1")!.Text);
        Assert.True(restored.IsKnownValid("plan", Sig));
        Assert.True(restored.IsRejected(OtherSig));
    }

    [Fact]
    public void Load_ExpiredEntries_Skipped()
    {
        var time = new FakeTimeProvider();
        var memory = new ThinkingMemory(16, time);

        memory.Load([new StoredThinking("toolu_1", new SignedThinking("plan", Sig, ModelFamily.Claude), time.GetUtcNow())]);

        Assert.Null(memory.Find("toolu_1"));
    }

    private sealed class RecordingJournal : IThinkingJournal
    {
        public List<StoredThinking> Stored { get; } = [];

        public void Saved(string key, SignedThinking thinking, DateTimeOffset expires) => Stored.Add(new StoredThinking(key, thinking, expires));

        public void Rejected(string key, DateTimeOffset expires) => Stored.Add(new StoredThinking(key, null, expires));
    }
}
