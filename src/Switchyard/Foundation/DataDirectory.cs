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

    private const UnixFileMode OthersAndGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Makes <paramref name="path"/> owner-only (0700) and every file directly in it (the configuration file with its
    /// secrets, the databases, the key) 0600 where group or others had any access, and says what it changed, one
    /// line each. A symbolic link is reported, not followed. Nothing on Windows.
    /// </summary>
    public static List<string> Tighten(string path)
    {
        var changes = new List<string>();
        if (OperatingSystem.IsWindows() || !Directory.Exists(path))
        {
            return changes;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersAndGroup) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnlyDirectory);
            changes.Add($"The data directory {path} was open to other users ({Octal(mode)}); it holds account tokens, so it is now 0700.");
        }

        foreach (var file in new DirectoryInfo(path).EnumerateFiles())
        {
            var fileMode = file.UnixFileMode;
            if ((fileMode & OthersAndGroup) == 0)
            {
                continue;
            }

            if (file.LinkTarget is not null)
            {
                changes.Add($"{file.FullName} is a link to a file open to other users ({Octal(fileMode)}); make its target 0600 (it can hold secrets).");
                continue;
            }

            File.SetUnixFileMode(file.FullName, OwnerOnlyFiles.Mode);
            var what = file.Name == ConfigFileName ? "it can hold secrets (client keys, the OAuth client secret, the admin key)" : "it is gateway state";
            changes.Add($"{file.FullName} was readable by other users ({Octal(fileMode)}); {what}, so it is now 0600.");
        }

        return changes;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0b111_111_111, 8);
}

