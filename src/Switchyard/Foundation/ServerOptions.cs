using System.ComponentModel.DataAnnotations;

namespace Switchyard.Foundation;

/// <summary>Where and how the gateway listens, and what it accepts at its edge. Section <c>Server</c>.</summary>
internal sealed class ServerOptions : IGatewayOptions<ServerOptions>
{
    public const string Section = "Server";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, ServerOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
    public const int DefaultPort = 8045;

    /// <summary>Address to bind. Loopback unless configured otherwise.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(0, 65535)]
    public int Port { get; set; } = DefaultPort;

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Request bodies held in memory at once, in bytes, across all requests. A request whose declared body does not
    /// fit waits its turn; a chunked body that outgrows what is left is answered 503 with Retry-After.
    /// </summary>
    [Range(1L << 20, 1L << 34)]
    public long MaxBufferedBodyBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Host names clients may put in the Host header besides the loopback names (<c>localhost</c>, <c>*.localhost</c>,
    /// 127.0.0.0/8, ::1) and <see cref="Host"/> itself: a name, <c>*.example.com</c> (any subdomain), or <c>*</c>
    /// (any host: turns the DNS-rebinding check off). Any other Host is refused with 403.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Origins of browser apps allowed to call the LLM routes cross-site (<c>http://localhost:3000</c>; <c>null</c>
    /// for file pages). They get CORS answers; every other cross-site request is refused with 403. The admin API
    /// and the dashboard stay same-origin whatever this lists.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Seconds between checks for an idle gateway whose memory grew since the last check; when idle, the heap is
    /// compacted and freed memory given back to the system. 0 turns it off.
    /// </summary>
    [Range(0, 86400)]
    public int IdleTrimSeconds { get; set; } = 15;
}
