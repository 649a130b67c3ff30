using System.Text.Json.Nodes;
using Switchyard.Accounts;

namespace Switchyard.Tests.Accounts;

public sealed class ExportEnvelopeTests
{
    [Fact]
    public void Encrypt_ThenDecrypt_RoundTrips_AndHidesPlaintext()
    {
        var envelope = ExportEnvelope.Encrypt("{\"refreshToken\":\"1//secret\"}", "correct horse");

        Assert.DoesNotContain("1//secret", envelope.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("{\"refreshToken\":\"1//secret\"}", ExportEnvelope.Decrypt(envelope, "correct horse"));
    }

    [Fact]
    public void Decrypt_WrongPassphraseOrAlteredFile_ReturnsNull()
    {
        var envelope = ExportEnvelope.Encrypt("data", "right");
        var altered = (JsonObject)envelope.DeepClone();
        var cipher = Convert.FromBase64String(altered["ciphertext"]!.GetValue<string>());
        cipher[0] ^= 1;
        altered["ciphertext"] = Convert.ToBase64String(cipher);

        Assert.Null(ExportEnvelope.Decrypt(envelope, "wrong"));
        Assert.Null(ExportEnvelope.Decrypt(altered, "right"));
    }
}
