using System.Text.Json;
using Switchyard.Accounts;

namespace Switchyard.Admin;

internal static partial class AdminEndpoints
{
    /// <summary>Shortest passphrase an export over HTTP accepts (the file holds every refresh token).</summary>
    public const int MinExportPassphrase = 8;

    private static void MapTransfer(RouteGroupBuilder admin)
    {
        admin.MapPost("/accounts/export", ExportAsync)
            .Accepts<ExportBody>("application/json")
            .WithSummary($"Every account with its refresh token, as an encrypted Switchyard export (the same file as 'accounts export'; passphrase of at least {MinExportPassphrase} characters required).");

        admin.MapPost("/accounts/import", ImportAsync)
            .Accepts<ImportBody>("application/json")
            .WithSummary("Imports accounts from a file's text (a Switchyard export, encrypted with passphrase, the desktop manager's files, or refresh tokens), as 'accounts import' does; any failure stores nothing.");
    }

    private static async Task<IResult> ExportAsync(HttpContext http, AccountExporter exporter, CancellationToken ct)
    {
        var (body, error) = await ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var passphrase = body!.Value.TryGetProperty("passphrase", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (passphrase is null || passphrase.Length < MinExportPassphrase)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["passphrase"] = [$"An export holds every refresh token: give a passphrase of at least {MinExportPassphrase} characters."] },
                title: "Invalid export request.");
        }

        var (text, count) = await exporter.BuildAsync(passphrase, ct);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"switchyard-accounts.json\"";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Account-Count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Text(text + "\n", "application/json", System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, AccountImporter importer, AccountRegistry registry, CancellationToken ct)
    {
        var (body, error) = await ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var text = body!.Value.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Give the file's text."] }, title: "Invalid import request.");
        }

        var passphrase = body.Value.TryGetProperty("passphrase", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var outcome = await importer.ImportAsync(text, () => passphrase, _ => { }, ct);
        if (outcome.Error is not null)
        {
            return Error(StatusCodes.Status400BadRequest, outcome.Error);
        }

        await registry.ReloadAsync(ct);
        var view = new ImportView(
            outcome.Format,
            outcome.Accounts.Count(a => a.Added),
            outcome.Accounts.Count(a => !a.Added),
            [.. outcome.Accounts.Select(a => a.Account.Email)]);
        return TypedResults.Json(view, AdminJsonContext.Default.ImportView);
    }
}
