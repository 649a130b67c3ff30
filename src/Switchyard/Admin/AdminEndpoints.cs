using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Foundation;

using Switchyard.RequestLog;
using Switchyard.Upstream;

namespace Switchyard.Admin;

/// <summary>
/// The admin HTTP API under <c>/admin/api</c> (OpenAPI document at <c>/admin/api/openapi.json</c>), protected by
/// <see cref="AdminAccess"/>. One partial file per area.
/// </summary>
internal static partial class AdminEndpoints
{
    public const string Prefix = "/admin/api";
    public const string DocumentName = "openapi";

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Prefix).AddEndpointFilter<AdminAccess>().WithTags("admin");
        admin.MapOpenApi("/{documentName}.json").WithMetadata(new AdminAnonymousAttribute());
        MapAuth(admin);
        MapAccounts(admin);
        MapTransfer(admin);
        MapScheduling(admin);
        MapSettings(admin);
        admin.MapGet("/status", (ClientVersionMonitor versions) =>
            TypedResults.Json(new StatusView(versions.Current is { } v ? new VersionFloorView(VersionRejection.Setting, v.UserAgent, v.Notice, v.Host, v.Since, v.Advice) : null), AdminJsonContext.Default.StatusView))
            .WithSummary("What needs attention: the upstream refusing the client version (Upstream:UserAgent), shown as a dashboard banner.");

        admin.MapRequestLogApi();
        MapLatency(admin);

        app.MapGet(AdminSignIn.CallbackPath, CallbackAsync).AddEndpointFilter<AdminAccess>().WithMetadata(new AdminAnonymousAttribute()).ExcludeFromDescription();
        return admin;
    }

    private static JsonHttpResult<ErrorView> Error(int status, string message) =>
        TypedResults.Json(new ErrorView(message), AdminJsonContext.Default.ErrorView, statusCode: status);

    private static JsonHttpResult<ErrorView> NotFoundAccount(string id) =>
        Error(StatusCodes.Status404NotFound, $"No account has the id or email '{id}'.");

    /// <summary>Largest admin request body read.</summary>
    private const int MaxBodyBytes = 1 << 20;

    /// <summary>
    /// The request body as a JSON object; an empty body is an empty object. Null and a 4xx when it is not (too
    /// large, not strict JSON: see <see cref="StrictJson"/>, or not an object).
    /// </summary>
    private static async Task<(JsonElement? Body, IResult? Error)> ReadObjectAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (JsonDocument.Parse("{}").RootElement, null);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes} bytes."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return (null, Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes} bytes."));
                }

                await buffer.WriteAsync(chunk.AsMemory(0, read), request.HttpContext.RequestAborted);
            }
        }
        catch (IOException ex) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // Kestrel reports some broken framing (a chunk size that overflows) as a plain IOException.
            return (null, Error(StatusCodes.Status400BadRequest, "The body could not be read: " + ex.Message));
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Length == 0)
        {
            return (JsonDocument.Parse("{}").RootElement, null);
        }

        if (StrictJson.Check(bytes.Span) is { } invalid)
        {
            return (null, Error(StatusCodes.Status400BadRequest, invalid));
        }

        using var json = JsonDocument.Parse(bytes);
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "The body must be a JSON object."));
        }

        return (json.RootElement.Clone(), null);
    }

    private static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Reads If-Match: null when absent (no check), the version, or a 400 for a malformed value.</summary>
    private static (long? Version, IResult? Error) IfMatch(HttpRequest request, long current)
    {
        var raw = request.Headers.IfMatch.ToString().Trim();
        if (raw.Length == 0)
        {
            return (null, null);
        }

        if (raw == "*")
        {
            return (current, null);
        }

        var text = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"'
            && long.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return (version, null);
        }

        return (null, Error(StatusCodes.Status400BadRequest, $"If-Match '{raw}' is not an ETag of these settings (expected a quoted version such as \"3\")."));
    }
}
