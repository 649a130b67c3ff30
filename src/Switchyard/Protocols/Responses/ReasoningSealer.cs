using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// Seals reasoning for a round trip through the client (<c>include: ["reasoning.encrypted_content"]</c> with
/// <c>store: false</c>), so thinking models keep valid signatures with no server state.
/// <para><b>Format.</b> <c>sy1.</c> then base64url (no padding) of <c>keyId(4) ‖ nonce(12) ‖ tag(16) ‖ ciphertext</c>.
/// The ciphertext is AES-256-GCM over the UTF-8 JSON of a <see cref="SealedReasoning"/>; the associated data is
/// <c>"switchyard/responses/reasoning/v1"</c> followed by the key id. Keys come from the gateway's 32-byte master key
/// by HKDF-SHA256: one for AES, one for the nonce, and the key id. The nonce is the first 12 bytes of
/// HMAC-SHA256(nonce key, plaintext) (a synthetic IV): the same reasoning seals to the same text, so golden files are
/// stable, and distinct plaintexts never share a nonce.</para>
/// <para><b>Trust.</b> The content is encrypted (the client sees neither the thinking text nor the signature unless it
/// asked for a summary) and authenticated: any change fails the tag. <see cref="Open"/> tells apart content that is
/// not ours (no prefix, such as OpenAI's own, or another key id after a key change: ignored) from content that is
/// ours but altered (rejected). Nothing secret goes in: no account, project, token or key material, only what the
/// upstream returned for this conversation.</para>
/// Thread-safe.
/// </summary>
internal sealed class ReasoningSealer
{
    public const string Prefix = "sy1.";
    public const int MasterKeyBytes = 32;
    private const int KeyIdBytes = 4;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MaxContentChars = 8 * 1024 * 1024;
    private static readonly byte[] AssociatedPrefix = Encoding.ASCII.GetBytes("switchyard/responses/reasoning/v1");

    private readonly byte[] _encryptionKey;
    private readonly byte[] _nonceKey;
    private readonly byte[] _keyId;
    private readonly byte[] _associated;

    public ReasoningSealer(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length < MasterKeyBytes)
        {
            throw new ArgumentException($"The master key must be at least {MasterKeyBytes} bytes.", nameof(masterKey));
        }

        _encryptionKey = Derive(masterKey, 32, "aes");
        _nonceKey = Derive(masterKey, 32, "nonce");
        _keyId = Derive(masterKey, KeyIdBytes, "key-id");
        _associated = [.. AssociatedPrefix, .. _keyId];
    }

    private static byte[] Derive(ReadOnlySpan<byte> masterKey, int length, string purpose)
    {
        var output = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, output, [], Encoding.ASCII.GetBytes("switchyard/responses/reasoning/" + purpose));
        return output;
    }

    /// <summary>A sealer with a fresh random key: reasoning survives only as long as this instance.</summary>
    public static ReasoningSealer CreateEphemeral() => new(RandomNumberGenerator.GetBytes(MasterKeyBytes));

    public string Seal(SealedReasoning reasoning)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(reasoning, ResponsesJsonContext.Default.SealedReasoning);
        var sealedBytes = new byte[KeyIdBytes + NonceBytes + TagBytes + plaintext.Length];
        var span = sealedBytes.AsSpan();
        _keyId.CopyTo(span);
        var nonce = span.Slice(KeyIdBytes, NonceBytes);
        HMACSHA256.HashData(_nonceKey, plaintext).AsSpan(0, NonceBytes).CopyTo(nonce);
        using (var aes = new AesGcm(_encryptionKey, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, span[(KeyIdBytes + NonceBytes + TagBytes)..], span.Slice(KeyIdBytes + NonceBytes, TagBytes), _associated);
        }

        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>Opens content from a reasoning item. <paramref name="reasoning"/> is set only for <see cref="SealState.Opened"/>.</summary>
    public SealState Open(string? content, out SealedReasoning? reasoning)
    {
        reasoning = null;
        if (string.IsNullOrEmpty(content))
        {
            return SealState.Absent;
        }

        if (!content.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return SealState.Foreign;
        }

        if (content.Length > MaxContentChars || !Base64Url.IsValid(content.AsSpan(Prefix.Length)))
        {
            return SealState.Invalid;
        }

        var bytes = Base64Url.DecodeFromChars(content.AsSpan(Prefix.Length));
        if (bytes.Length < KeyIdBytes + NonceBytes + TagBytes)
        {
            return SealState.Invalid;
        }

        if (!bytes.AsSpan(0, KeyIdBytes).SequenceEqual(_keyId))
        {
            return SealState.Foreign;
        }

        var plaintext = new byte[bytes.Length - KeyIdBytes - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_encryptionKey, TagBytes);
            aes.Decrypt(
                bytes.AsSpan(KeyIdBytes, NonceBytes),
                bytes.AsSpan(KeyIdBytes + NonceBytes + TagBytes),
                bytes.AsSpan(KeyIdBytes + NonceBytes, TagBytes),
                plaintext,
                _associated);
            reasoning = JsonSerializer.Deserialize(plaintext, ResponsesJsonContext.Default.SealedReasoning);
        }
        catch (Exception e) when (e is AuthenticationTagMismatchException or JsonException)
        {
            return SealState.Invalid;
        }

        return reasoning is { Signature.Length: > 0 } && reasoning.Family is SealedReasoning.Claude or SealedReasoning.Gemini
            ? SealState.Opened
            : SealState.Invalid;
    }
}

/// <summary>What <see cref="ReasoningSealer.Open"/> found.</summary>
internal enum SealState
{
    /// <summary>No content (null or empty).</summary>
    Absent,

    /// <summary>Not sealed by this gateway's current key (another provider's content, or an old key): ignored.</summary>
    Foreign,

    /// <summary>Sealed by this gateway and intact.</summary>
    Opened,

    /// <summary>Claims to be ours but fails to decode or authenticate: tampered or truncated.</summary>
    Invalid,
}
