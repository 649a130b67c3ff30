using System.Text;
using Switchyard.RequestLog;

namespace Switchyard.Tests.RequestLog;

public sealed class BodyRedactorTests
{
    [Theory]
    [InlineData("""{"x-api-key":"abc"}""", "abc")]
    [InlineData("""{"access_token": "plain-value-1"}""", "plain-value-1")]
    [InlineData("""{"refresh_token":"1//0abcdef"}""", "1//0abcdef")]
    [InlineData("""{"password":"hunter2"}""", "hunter2")]
    [InlineData("""{"text":"use ya29.a0AfH6SMBx please"}""", "ya29.a0AfH6SMBx")]
    [InlineData("""{"text":"key AIzaSyA1234567890abcdefghijk here"}""", "AIzaSyA1234567890abcdefghijk")]
    [InlineData("""{"text":"Authorization: Bearer abcdefgh12345678"}""", "abcdefgh12345678")]
    [InlineData("""{"text":"sk-ant-api03-xyzxyzxyz"}""", "sk-ant-api03")]
    public void Redact_SecretShapes_AreReplaced(string body, string secret)
    {
        var result = BodyRedactor.Redact(body, 10_000);

        Assert.DoesNotContain(secret, result, StringComparison.Ordinal);
        Assert.Contains(BodyRedactor.Redacted, result, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_OrdinaryFields_AreKept()
    {
        const string body = """{"model":"claude","max_tokens":100,"messages":[{"role":"user","content":"hello"}]}""";
        Assert.Equal(body, BodyRedactor.Redact(body, 10_000));
    }

    [Fact]
    public void Redact_LongBody_IsCutOnACharacterBoundaryWithinTheLimit()
    {
        var body = new string('é', 1000);

        var result = BodyRedactor.Redact(body, 101);

        Assert.True(Encoding.UTF8.GetByteCount(result) <= 101);
        Assert.EndsWith(BodyRedactor.CutMarker, result, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', result);
    }

    [Fact]
    public void Redact_ConfiguredSecrets_AreRemovedWhereverTheyAppear()
    {
        const string clientKey = "team-key-7f3a9c";
        const string adminKey = "admin\"key/0123456789";
        var body = "{\"messages\":[{\"role\":\"user\",\"content\":\"my key is " + clientKey + " and " + System.Text.Json.JsonEncodedText.Encode(adminKey)
            + "\"}],\"metadata\":{\"note\":\"" + clientKey + "\"}}";

        var result = BodyRedactor.Redact(body, 10_000, [clientKey, adminKey]);

        Assert.DoesNotContain(clientKey, result, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", result, StringComparison.Ordinal);
        Assert.Equal(3, result.Split(BodyRedactor.Redacted).Length - 1);
    }

    [Fact]
    public void Redact_ConfiguredSecretTooShort_IsNotSearchedFor()
    {
        const string body = """{"content":"abc abc"}""";

        Assert.Equal(body, BodyRedactor.Redact(body, 10_000, ["abc"]));
    }
}
