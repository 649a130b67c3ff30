using System.Net;
using Microsoft.Extensions.Options;

namespace Switchyard.Foundation;

/// <summary>Attribute rules of <see cref="ServerOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class ServerOptionsValidator : IValidateOptions<ServerOptions>;

/// <summary>Rules spanning fields of <see cref="ServerOptions"/>; reports every failure.</summary>
internal sealed class ServerOptionsCustomValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (!IsLoopback(options.Host) && !IPAddress.TryParse(options.Host, out _) && Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            builder.AddError($"'{options.Host}' is not a host name or IP address.", "Server:Host");
        }

        return builder.Build();
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
