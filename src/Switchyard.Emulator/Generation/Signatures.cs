using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// Thought signatures (spec §4.2, emulator design), verified statelessly. Layout, 64 bytes, standard base64:
/// <c>0xFF | family | epoch (u32 BE) | nonce (16) | HMAC-SHA256 (32) | zero (10)</c>. The HMAC covers
/// family, epoch, nonce and SHA-256 of the signed content (the thinking text, or a function call's name).
/// The leading 0xFF makes the bytes invalid UTF-8, so clients keep the string as is.
/// A signature from an earlier key epoch is <see cref="SignatureCheck.Stale"/>.
/// </summary>
internal sealed class Signatures(byte[] rootKey)
{
    public const byte Claude = 1;
    public const byte Gemini = 2;
    public const string Sentinel = "skip_thought_signature_validator";
    private const int Length = 64;

    private uint _epoch = 1;

    /// <summary>Current key epoch. Rotating makes every earlier signature stale.</summary>
    public uint Epoch => Volatile.Read(ref _epoch);

    public void Rotate() => Interlocked.Increment(ref _epoch);

    public string Sign(byte family, string content)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes.Clear();
        bytes[0] = 0xFF;
        bytes[1] = family;
        var epoch = Epoch;
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..6], epoch);
        RandomNumberGenerator.Fill(bytes[6..22]);
        Mac(family, epoch, bytes[6..22], content, bytes[22..54]);
        return Convert.ToBase64String(bytes);
    }

    public SignatureCheck Verify(string? signature, byte family, string content)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (signature == Sentinel)
        {
            return SignatureCheck.Sentinel;
        }

        Span<byte> bytes = stackalloc byte[Length + 3];
        if (!Convert.TryFromBase64String(signature, bytes, out var written) || written != Length || bytes[0] != 0xFF)
        {
            return SignatureCheck.Corrupted;
        }

        if (bytes[1] != family)
        {
            return bytes[1] is Claude or Gemini ? SignatureCheck.WrongFamily : SignatureCheck.Corrupted;
        }

        var epoch = BinaryPrimitives.ReadUInt32BigEndian(bytes[2..6]);
        if (epoch == 0 || epoch > Epoch)
        {
            return SignatureCheck.Corrupted;
        }

        Span<byte> expected = stackalloc byte[32];
        Mac(family, epoch, bytes[6..22], content, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[22..54]))
        {
            // Signed by us under this epoch but for other content: edited. Under an old epoch: stale.
            return epoch == Epoch ? SignatureCheck.Edited : SignatureCheck.Stale;
        }

        return epoch == Epoch ? SignatureCheck.Valid : SignatureCheck.Stale;
    }

    private void Mac(byte family, uint epoch, ReadOnlySpan<byte> nonce, string content, Span<byte> destination)
    {
        Span<byte> epochKey = stackalloc byte[32];
        Span<byte> epochBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(epochBytes, epoch);
        HMACSHA256.HashData(rootKey, epochBytes, epochKey);

        Span<byte> message = stackalloc byte[1 + 4 + 16 + 32];
        message[0] = family;
        epochBytes.CopyTo(message[1..5]);
        nonce.CopyTo(message[5..21]);
        SHA256.HashData(Encoding.UTF8.GetBytes(content), message[21..]);
        HMACSHA256.HashData(epochKey, message, destination);
    }
}

internal enum SignatureCheck
{
    Valid,
    Missing,
    Sentinel,
    Corrupted,
    WrongFamily,
    Stale,
    Edited,
}
