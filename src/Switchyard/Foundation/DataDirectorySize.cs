namespace Switchyard.Foundation;

/// <summary>How many bytes a directory holds: every file under it, links not followed, unreadable entries skipped.</summary>
internal static class DataDirectorySize
{
    public static long Measure(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        long total = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", options))
        {
            try
            {
                total += file.Length;
            }
            catch (IOException)
            {
                // Gone between listing and reading (a -wal file after a checkpoint).
            }
        }

        return total;
    }
}
