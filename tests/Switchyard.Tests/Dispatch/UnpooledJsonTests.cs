using System.Text.Json;
using Switchyard.Dispatch;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Dispatch;

public sealed class UnpooledJsonTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(3_000_000)]
    public void Serialize_Envelope_SameBytesAsTheSerializer(int textLength)
    {
        // Quotes, control characters and non-ASCII text, so escaping and transcoding both grow the output.
        var text = string.Concat(Enumerable.Repeat("a\"b\n\u00e9\u4e2d ", (textLength / 7) + 1))[..textLength];
        var envelope = new UpstreamEnvelope
        {
            Model = "gemini-3-flash",
            Request = new UpstreamRequest { Contents = [new Content { Role = "user", Parts = [new Part { Text = text }] }] },
        };

        var bytes = UnpooledJson.Serialize(envelope, UpstreamJsonContext.Default.UpstreamEnvelope);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(envelope, UpstreamJsonContext.Default.UpstreamEnvelope), bytes);
        Assert.Equal(text, JsonSerializer.Deserialize(bytes, UpstreamJsonContext.Default.UpstreamEnvelope)!.Request.Contents[0].Parts[0].Text);
    }
}
