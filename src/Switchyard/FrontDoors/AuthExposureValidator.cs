using System.Net;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.FrontDoors;

/// <summary>A gateway bound beyond loopback must have client API keys; without them it would serve anyone.</summary>
internal sealed class AuthExposureValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var host = configuration[$"{ServerOptions.Section}:{nameof(ServerOptions.Host)}"] ?? new ServerOptions().Host;
        if (options.ApiKeys.Count == 0 && !IsLoopback(host))
        {
            return ValidateOptionsResult.Fail(
                $"Server:Host is '{host}', which is not loopback, and Auth:ApiKeys is empty: set at least one key (Auth:ApiKeys:0:Name, Auth:ApiKeys:0:Key) or bind to 127.0.0.1.");
        }

        return ValidateOptionsResult.Success;
    }

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
