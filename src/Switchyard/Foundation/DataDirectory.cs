namespace Switchyard.Foundation;

/// <summary>The data directory: configuration file, database, keys. Created owner-only (0700).</summary>
internal static class DataDirectory
{
    public const string ConfigFileName = "switchyard.json";

    /// <summary>The directory given, else <c>SWITCHYARD_DATA_DIR</c>, else <c>~/.switchyard</c>.</summary>
    public static string Resolve(string? given)
    {
        var path = given
            ?? Environment.GetEnvironmentVariable("SWITCHYARD_DATA_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".switchyard");
        return Path.GetFullPath(path);
    }

    /// <summary>Creates the directory if needed, readable by the owner only.</summary>
    public static string Ensure(string path)
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

        return path;
    }
}
