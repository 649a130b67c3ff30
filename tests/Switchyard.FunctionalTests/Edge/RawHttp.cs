using System.Net.Sockets;
using System.Text;

namespace Switchyard.FunctionalTests.Edge;

/// <summary>Sends bytes HttpClient would never frame that way and reads the answer (status and body) until the server closes.</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Body)> SendAsync(Uri server, byte[] request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = client.GetStream();
        try
        {
            // The request says Connection: close, so the server closes once it answered.
            await stream.WriteAsync(request, cancellationToken);
        }
        catch (IOException)
        {
            // The server may answer and close before it read everything.
        }

        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, cancellationToken);
        }
        catch (IOException)
        {
            // A reset after the answer.
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        if (text.Length == 0)
        {
            return (0, "");
        }

        var firstLine = text[..Math.Max(0, text.IndexOf("\r\n", StringComparison.Ordinal))];
        var parts = firstLine.Split(' ');
        var status = parts.Length > 1 && int.TryParse(parts[1], out var code) ? code : -1;
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return (status, "");
        }

        var head = text[..split];
        var body = text[(split + 4)..];
        return (status, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
    }

    /// <summary>A chunked body's data (sizes and the terminator dropped); what does not parse is kept as it is.</summary>
    private static string Dechunk(string body)
    {
        var data = new StringBuilder();
        var at = 0;
        while (at < body.Length)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(body.AsSpan(at, end - at), System.Globalization.NumberStyles.HexNumber, null, out var size))
            {
                return data.Append(body, at, body.Length - at).ToString();
            }

            if (size == 0 || end + 2 + size > body.Length)
            {
                break;
            }

            data.Append(body, end + 2, size);
            at = end + 2 + size + 2;
        }

        return data.ToString();
    }
}
