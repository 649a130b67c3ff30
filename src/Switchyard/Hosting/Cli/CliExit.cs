namespace Switchyard.Hosting.Cli;

/// <summary>
/// The exit codes of every command (README, "Exit codes"): 0 done; 1 it could not be done (a port in use, the
/// network, a locked database, a file that cannot be read or written); 2 the command line or the configuration is
/// wrong (a bad flag or value, an invalid <c>switchyard.json</c>, a data directory that cannot be used).
/// </summary>
internal static class CliExit
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>The innermost message of an exception chain: Kestrel wraps the socket error that says why.</summary>
    public static string Reason(Exception ex)
    {
        var messages = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (!messages.Contains(e.Message, StringComparer.Ordinal))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(": ", messages);
    }
}
