using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Switchyard.Foundation.Edge;

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
        if (HostProblem(options.Host) is { } problem)
        {
            builder.AddError(problem, "Server:Host");
        }

        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            var host = options.AllowedHosts[i];
            var bareHost = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
            if (host != "*" && (string.IsNullOrWhiteSpace(bareHost) || Uri.CheckHostName(bareHost.Trim('[', ']')) == UriHostNameType.Unknown))
            {
                builder.AddError($"'{BoundedText.Clip(host, 100)}' is not a host name, '*.domain' or '*'.", $"Server:AllowedHosts:{i}");
            }
        }

        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            if (EdgeOrigins.Normalize(options.AllowedOrigins[i]) is null)
            {
                builder.AddError($"'{BoundedText.Clip(options.AllowedOrigins[i], 100)}' is not an origin such as http://localhost:3000 (scheme, host and port only) or 'null'.", $"Server:AllowedOrigins:{i}");
            }
        }

        return builder.Build();
    }

    /// <summary>Why <paramref name="host"/> cannot be bound, in one line, or null.</summary>
    public static string? HostProblem(string host)
    {
        var bare = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var address))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return $"'{BoundedText.Clip(host, 100)}' is an IPv4 address written as IPv6; use {address.MapToIPv4()} instead.";
            }

            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
            {
                return $"'{BoundedText.Clip(host, 100)}' carries an IPv6 zone; bind the address without '%' (or :: for every interface).";
            }

            return null;
        }

        // Kestrel binds any name but localhost to every interface, so a name here would silently expose the gateway.
        return IsLoopback(host)
            ? null
            : $"'{BoundedText.Clip(host, 100)}' is not an IP address or localhost (give an address of this machine such as 127.0.0.1, ::1, or 0.0.0.0 for every interface; no scheme, port or host name).";
    }

    /// <summary>Why <paramref name="host"/> (valid by <see cref="HostProblem"/>) cannot be bound on this machine, or null.</summary>
    public static string? BindProblem(string host)
    {
        var bare = host.Trim('[', ']');
        if (!IPAddress.TryParse(bare, out var address) || IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return null;
        }

        var local = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Any(a => a.Address.Equals(address));
        return local ? null : $"Server:Host '{host}' is not an address of this machine; bind one of its addresses, 127.0.0.1, or 0.0.0.0 for every interface.";
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
