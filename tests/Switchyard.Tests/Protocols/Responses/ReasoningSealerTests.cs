using System.Buffers.Text;
using System.Text;
using Switchyard.Protocols.Responses;

namespace Switchyard.Tests.Protocols.Responses;

public sealed class ReasoningSealerTests
{
    private static readonly SealedReasoning Claude = new(SealedReasoning.Claude, new string('S', 80), "Secret chain of thought.");

    private static ReasoningSealer CreateSut() => new(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Open_WhatWasSealed_ReturnsItUnchanged()
    {
        var sut = CreateSut();
        var gemini = new SealedReasoning(SealedReasoning.Gemini, "CiQBsig", CallId: "call_1");

        Assert.Equal(SealState.Opened, sut.Open(sut.Seal(Claude), out var claude));
        Assert.Equal(SealState.Opened, sut.Open(sut.Seal(gemini), out var opened));
        Assert.Equal(Claude, claude);
        Assert.Equal(gemini, opened);
    }

    [Fact]
    public void Seal_SameReasoning_SameTextAndPrefix()
    {
        var sut = CreateSut();

        Assert.Equal(sut.Seal(Claude), sut.Seal(Claude));
        Assert.StartsWith(ReasoningSealer.Prefix, sut.Seal(Claude), StringComparison.Ordinal);
        Assert.NotEqual(sut.Seal(Claude), sut.Seal(Claude with { Text = "Other thought." }));
    }

    [Fact]
    public void Seal_Output_HidesTheThinkingAndSignature()
    {
        var sealedText = CreateSut().Seal(Claude);
        var bytes = Base64Url.DecodeFromChars(sealedText.AsSpan(ReasoningSealer.Prefix.Length));
        var raw = Encoding.UTF8.GetString(bytes);

        Assert.DoesNotContain("Secret", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("SSSSSSSS", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", sealedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AnyByteChanged_Invalid()
    {
        var sut = CreateSut();
        var bytes = Base64Url.DecodeFromChars(sut.Seal(Claude).AsSpan(ReasoningSealer.Prefix.Length));

        // Key id bytes (0-3) changed mean "another key": foreign. Every other byte is covered by the tag.
        for (var i = 4; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x01;
            Assert.Equal(SealState.Invalid, sut.Open(ReasoningSealer.Prefix + Base64Url.EncodeToString(copy), out var opened));
            Assert.Null(opened);
        }
    }

    [Theory]
    [InlineData("sy1.")]
    [InlineData("sy1.AAAA")]
    [InlineData("sy1.!!not base64!!")]
    public void Open_TruncatedOrGarbled_Invalid(string content)
    {
        Assert.Equal(SealState.Invalid, CreateSut().Open(content, out _));
    }

    [Fact]
    public void Open_OtherKeyOrNoPrefix_Foreign()
    {
        var other = new ReasoningSealer(new byte[32]).Seal(Claude);

        Assert.Equal(SealState.Foreign, CreateSut().Open(other, out _));
        Assert.Equal(SealState.Foreign, CreateSut().Open("gAAAAABoOpenAI", out _));
        Assert.Equal(SealState.Absent, CreateSut().Open(null, out _));
        Assert.Equal(SealState.Absent, CreateSut().Open("", out _));
    }

    [Fact]
    public void Constructor_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ReasoningSealer(new byte[16]));
    }
}
