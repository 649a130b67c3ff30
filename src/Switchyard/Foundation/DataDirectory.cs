namespace Switchyard.Foundation;

/// <summary>The data directory: configuration file, database, keys. Created owner-only (0700).</summary>
internal static class DataDirectory
{
    public const string ConfigFileName = "switchyard.json";

    /// <summary>
    /// Settings <c>switchyard demo</c> writes (its emulator's URLs and OAuth client, its gateway port), read after
    /// <see cref="ConfigFileName"/>, so every command aimed at the demo's data directory talks to the demo.
    /// </summary>
    public const string DemoFileName = "demo.json";

    /// <summary>The directory given, else <c>SWITCHYARD_DATA_DIR</c>, else <c>~/.switchyard</c>.</summary>
    public static string Resolve(string? given)
    {
        var path = given
            ?? Environment.GetEnvironmentVariable("SWITCHYARD_DATA_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".switchyard");
        return Path.GetFullPath(path);
    }

    /// <summary>Creates the directory if needed, readable by the owner only.</summary>
    /// <exception cref="DataDirectoryException">The path is a file, or the directory cannot be created or written.</exception>
    public static string Ensure(string path)
    {
        if (File.Exists(path))
        {
            throw new DataDirectoryException($"Data directory {path} is a file, not a directory. Pass --data-dir with a directory (or remove the file).");
        }

        try
        {
            if (!Directory.Exists(path))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(path);
                }
                else
                {
                    Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException($"Cannot create data directory {path}: {ex.Message}", ex);
        }

        return path;
    }
}
