using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// A deterministic, valid PNG of a given size: one flat colour (a 1-bit palette image, so even 4K compresses to a
/// few kilobytes). The colour comes from a hash of the prompt, so different prompts give different images and the
/// same prompt always the same bytes.
/// </summary>
internal static class ImagePng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Compressed pixel data by size: all rows are the same (palette index 0), so it depends on nothing else.</summary>
    private static readonly ConcurrentDictionary<(int Width, int Height), byte[]> Pixels = new();

    public static byte[] Create(int width, int height, string seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var colour = SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 3).ToArray();

        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth
        header[9] = 3; // colour type: palette
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "PLTE", colour);
        WriteChunk(png, "IDAT", Pixels.GetOrAdd((width, height), static size => Compress(size.Width, size.Height)));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static string CreateBase64(int width, int height, string seed) => Convert.ToBase64String(Create(width, height, seed));

    private static byte[] Compress(int width, int height)
    {
        var row = new byte[1 + ((width + 7) / 8)]; // filter byte 0, then zero bits: palette index 0
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        return output.ToArray();
    }

    /// <summary>The PNG CRC-32 (polynomial 0xEDB88320) over <paramref name="bytes"/>, continuing from <paramref name="crc"/>.</summary>
    internal static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu);
        png.Write(sum);
    }
}
