using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Switchyard.Dispatch;

/// <summary>
/// Serialises an upstream request without the shared array pool. <see cref="JsonSerializer.SerializeToUtf8Bytes{T}(T, JsonTypeInfo{T})"/>
/// writes through pooled buffers, and a writer asks for three times a string's length: one request with a few
/// megabytes of text leaves an 8 MB array in the shared pool, which keeps it long after a burst. Here the working
/// buffer is ordinary memory the collector takes back.
/// </summary>
internal static class UnpooledJson
{
    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
