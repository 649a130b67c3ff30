using System.Security.Cryptography;

namespace Switchyard.Foundation;

/// <summary>
/// Random keys kept in owner-only files of the data directory, created once: written atomically (a temp file renamed
/// into place without overwriting), so two processes starting together agree on one key and every instance that shares
/// the directory reads the same bytes.
/// </summary>
internal static class KeyFiles
{
    /// <summary>The key in <paramref name="path"/>, created with <paramref name="size"/> random bytes when absent.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not hold <paramref name="size"/> bytes.</exception>
    public static byte[] LoadOrCreate(string path, int size, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
            {
                DataDirectory.Ensure(directory);
            }

            try
            {
                OwnerOnlyFiles.WriteAtomically(path, RandomNumberGenerator.GetBytes(size), overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != size)
        {
            throw new InvalidDataException($"The key file '{path}' is damaged (expected {size} bytes). Restore it from a backup or delete it; {purpose}");
        }

        OwnerOnlyFiles.Restrict(path);
        return key;
    }
}
