namespace Switchyard.Foundation;

/// <summary>Files readable and writable by the owner only (0600).</summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Sets 0600 on <paramref name="path"/> if it exists (no-op on Windows).</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != Mode)
        {
            File.SetUnixFileMode(path, Mode);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to a 0600 temp file beside <paramref name="path"/> and renames it into place.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes, bool overwrite = true)
    {
        var temp = path + "." + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)) + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, CreateOptions()))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }

        return options;
    }
}
