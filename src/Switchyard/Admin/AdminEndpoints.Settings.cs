using System.Globalization;
using System.Text.Json;
using Switchyard.Foundation;

namespace Switchyard.Admin;

internal static partial class AdminEndpoints
{
    private static void MapSettings(RouteGroupBuilder admin)
    {
        admin.MapGet("/config", (ConfigReloadState reload) => TypedResults.Json(reload.Current, AdminJsonContext.Default.ConfigReloadStatus))
            .WithSummary("The last reload of switchyard.json: applied or refused with every error, the keys it changed, and the keys "
                + "(Server, Storage) that wait for a restart.");

        admin.MapGet("/settings", (HttpContext http, RuntimeSettings settings) =>
        {
            http.Response.Headers.ETag = ETag(settings.Version);
            return TypedResults.Json(SettingsViewOf(settings), AdminJsonContext.Default.SettingsView);
        }).WithSummary("The settings that can change at run time, with their effective values; the ETag is their version.");

        admin.MapMethods("/settings", [HttpMethods.Patch], PatchSettingsAsync)
            .Accepts<Dictionary<string, string?>>("application/json")
            .WithSummary("Changes runtime settings ({\"Section:Key\": value}; null clears), validated like the configuration file and applied "
                + "without a restart. Invalid: 400 listing the errors by key, nothing changed. If-Match with a stale version: 409.");
    }

    private static async Task<IResult> PatchSettingsAsync(HttpContext http, RuntimeSettings settings, CancellationToken ct)
    {
        var (expected, bad) = IfMatch(http.Request, settings.Version);
        if (bad is not null)
        {
            return bad;
        }

        var (body, error) = await ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var changes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in body!.Value.EnumerateObject())
        {
            var key = property.Name.Replace("__", ":", StringComparison.Ordinal);
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Null:
                    changes[key] = null;
                    break;
                case JsonValueKind.String:
                    changes[key] = property.Value.GetString();
                    break;
                case JsonValueKind.Number:
                    changes[key] = property.Value.GetRawText();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    changes[key] = property.Value.GetBoolean() ? "true" : "false";
                    break;
                default:
                    errors[key] = [$"'{key}' must be a string, number, boolean or null."];
                    break;
            }
        }

        if (changes.Count == 0 && errors.Count == 0)
        {
            errors[""] = ["The body names no setting."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid settings; nothing was changed.");
        }

        var result = await settings.ChangeAsync(changes, expected, ct);
        if (result.Conflict)
        {
            http.Response.Headers.ETag = ETag(result.Version);
            return Error(StatusCodes.Status409Conflict, $"The settings changed since version {expected?.ToString(CultureInfo.InvariantCulture)} (now {result.Version}); reload and try again.");
        }

        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(result.Errors, title: "Invalid settings; nothing was changed.");
        }

        http.Response.Headers.ETag = ETag(result.Version);
        return TypedResults.Json(SettingsViewOf(settings), AdminJsonContext.Default.SettingsView);
    }

    private static SettingsView SettingsViewOf(RuntimeSettings settings) =>
        new(settings.Version, [.. settings.Effective().Select(e => new SettingView(e.Info.Key, e.Value, e.Overridden, e.Info.Description))]);
}
