using Switchyard.Foundation;

namespace Switchyard.Hosting;

/// <summary>
/// A gateway bound beyond loopback (as in a container) also needs an admin password or <c>Admin:ApiKey</c>; the API
/// keys it needs are checked with the <c>Auth</c> section.
/// </summary>
internal static class ExposureCheck
{
    public static string? Problem(IConfiguration configuration, bool adminPasswordSet)
    {
        var host = configuration[$"{ServerOptions.Section}:{nameof(ServerOptions.Host)}"] ?? new ServerOptions().Host;
        if (ServerOptionsCustomValidator.IsLoopback(host) || adminPasswordSet || !string.IsNullOrWhiteSpace(configuration["Admin:ApiKey"]))
        {
            return null;
        }

        return $"Server:Host is '{host}', which is not loopback, and no admin password is set: run 'switchyard admin set-password' "
            + "(or set Admin:ApiKey), or bind to 127.0.0.1.";
    }
}
