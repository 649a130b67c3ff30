using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.Accounts;

/// <summary>
/// The loopback HTTP listener the browser is redirected to after consent: answers one
/// <c>GET /oauth-callback?…</c> with a short page and hands back its query. Other paths get 404.
/// </summary>
internal sealed class CallbackListener : IAsyncDisposable
{
    public const string CallbackPath = "/oauth-callback";
    private readonly TcpListener _listener;

    private CallbackListener(TcpListener listener, string host)
    {
        _listener = listener;
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        RedirectUri = $"http://{host}:{port}{CallbackPath}";
    }

    public string RedirectUri { get; }

    /// <summary>Listens on <paramref name="host"/> (loopback) and <paramref name="port"/> (0 = any free port).</summary>
    public static CallbackListener Start(string host, int port)
    {
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host.Trim('[', ']'));
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            throw new InvalidOperationException($"Port {port} on {host} is already in use; set OAuth:CallbackPort to another port (0 picks a free one).", ex);
        }

        var shownHost = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new CallbackListener(listener, shownHost);
    }

    /// <summary>
    /// Waits for the callback request and returns its parameters. Connections are served concurrently, so
    /// a browser's idle pre-connection or a favicon request cannot hold up the callback.
    /// </summary>
    public async Task<OAuthCallback> WaitAsync(CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var result = new TaskCompletionSource<OAuthCallback>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connections = new List<Task>();
        var accepting = Task.CompletedTask;
        try
        {
            accepting = AcceptLoopAsync(result, connections, done.Token);
            return await result.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            await done.CancelAsync();
            await accepting;
            try
            {
                await Task.WhenAll(connections.ToArray());
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task AcceptLoopAsync(TaskCompletionSource<OAuthCallback> result, List<Task> connections, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken);
                lock (connections)
                {
                    connections.Add(ServeAsync(client, result, cancellationToken));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task ServeAsync(TcpClient client, TaskCompletionSource<OAuthCallback> result, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                var target = await ReadRequestTargetAsync(stream, cancellationToken);
                if (target is null)
                {
                    return;
                }

                var at = target.IndexOf('?', StringComparison.Ordinal);
                var path = at >= 0 ? target[..at] : target;
                if (path != CallbackPath)
                {
                    await RespondAsync(stream, 404, "Not found", "This address only receives the Switchyard sign-in callback.", cancellationToken);
                    return;
                }

                var callback = OAuthCallback.FromQuery(at >= 0 ? target[(at + 1)..] : "");
                if (callback.Error is not null)
                {
                    await RespondAsync(stream, 200, "Sign-in not completed", "Google reported: " + WebUtility.HtmlEncode(callback.Error) + ". You can close this tab.", cancellationToken);
                }
                else
                {
                    await RespondAsync(stream, 200, "Signed in", "Switchyard received the sign-in. You can close this tab and return to the terminal.", cancellationToken);
                }

                result.TrySetResult(callback);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }

    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        var head = Encoding.ASCII.GetString(buffer, 0, length);
        var line = head.Split("\r\n", 2)[0].Split(' ');
        return line.Length >= 2 && line[0] == "GET" ? line[1] : null;
    }

    private static async Task RespondAsync(NetworkStream stream, int status, string title, string text, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>");
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Not Found")}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
