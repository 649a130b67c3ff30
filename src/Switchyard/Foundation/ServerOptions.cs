using System.ComponentModel.DataAnnotations;

namespace Switchyard.Foundation;

/// <summary>Where and how the gateway listens. Section <c>Server</c>.</summary>
internal sealed class ServerOptions
{
    public const string Section = "Server";
    public const int DefaultPort = 8045;

    /// <summary>Address to bind. Loopback unless configured otherwise.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(0, 65535)]
    public int Port { get; set; } = DefaultPort;

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;
}
