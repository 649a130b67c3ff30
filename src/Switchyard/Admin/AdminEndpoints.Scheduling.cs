using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Scheduling;

namespace Switchyard.Admin;

internal static partial class AdminEndpoints
{
    private static readonly Dictionary<string, string> SchedulingFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["strategy"] = "Scheduling:Strategy",
        ["mode"] = "Scheduling:Mode",
        ["maxWaitSeconds"] = "Scheduling:MaxWaitSeconds",
        ["maxAttempts"] = "Scheduling:MaxAttempts",
        ["fixedAccount"] = "Scheduling:FixedAccount",
        ["reuseWindowSeconds"] = "Scheduling:ReuseWindowSeconds",
    };

    private static void MapScheduling(RouteGroupBuilder admin)
    {
        admin.MapGet("/scheduling", async (HttpContext http, IOptionsMonitor<SchedulingOptions> options, ISchedulingStateStore state, AccountStore store, RuntimeSettings settings, CancellationToken ct) =>
        {
            http.Response.Headers.ETag = ETag(settings.Version);
            return TypedResults.Json(await SchedulingViewAsync(options.CurrentValue, state, store, settings.Version, ct), AdminJsonContext.Default.SchedulingView);
        }).WithSummary("Strategy, mode, MaxWaitSeconds, MaxAttempts, fixed account, what they resolve to, and the binding count. ETag: the settings version.");

        admin.MapMethods("/scheduling", [HttpMethods.Patch], PatchSchedulingAsync)
            .Accepts<SchedulingPatch>("application/json")
            .WithSummary("Changes scheduling without a restart. Setting a strategy clears the mode and the other way round; null clears a field. "
                + "Invalid values: 400 naming the field, nothing changed. If-Match with a stale version: 409.");
    }

    private static async Task<IResult> PatchSchedulingAsync(HttpContext http, RuntimeSettings settings, IOptionsMonitor<SchedulingOptions> options, ISchedulingStateStore state, AccountStore store, CancellationToken ct)
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
            if (!SchedulingFields.TryGetValue(property.Name, out var key))
            {
                errors[property.Name] = [$"Unknown field '{property.Name}'; use {string.Join(", ", SchedulingFields.Keys)}."];
                continue;
            }

            var value = property.Value;
            var numeric = key.EndsWith("Seconds", StringComparison.Ordinal) || key.EndsWith("Attempts", StringComparison.Ordinal);
            if (value.ValueKind == JsonValueKind.Null)
            {
                changes[key] = null;
            }
            else if (numeric && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
            {
                changes[key] = n.ToString(CultureInfo.InvariantCulture);
            }
            else if (!numeric && value.ValueKind == JsonValueKind.String)
            {
                changes[key] = value.GetString()!.Trim();
            }
            else
            {
                errors[key] = [$"{property.Name} must be {(numeric ? "a whole number" : "a string")} or null."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid scheduling settings; nothing was changed.");
        }

        // A strategy and a mode exclude each other: choosing one clears the other.
        if (changes.TryGetValue("Scheduling:Strategy", out var strategy) && strategy is not null && !changes.ContainsKey("Scheduling:Mode"))
        {
            changes["Scheduling:Mode"] = null;
        }

        if (changes.TryGetValue("Scheduling:Mode", out var mode) && mode is not null && !changes.ContainsKey("Scheduling:Strategy"))
        {
            changes["Scheduling:Strategy"] = null;
        }

        var result = await settings.ChangeAsync(changes, expected, ct);
        if (result.Conflict)
        {
            http.Response.Headers.ETag = ETag(result.Version);
            return Error(StatusCodes.Status409Conflict, $"The settings changed since version {expected} (now {result.Version}); reload and try again.");
        }

        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(result.Errors, title: "Invalid scheduling settings; nothing was changed.");
        }

        http.Response.Headers.ETag = ETag(result.Version);
        return TypedResults.Json(await SchedulingViewAsync(options.CurrentValue, state, store, result.Version, ct), AdminJsonContext.Default.SchedulingView);
    }

    private static async Task<SchedulingView> SchedulingViewAsync(SchedulingOptions options, ISchedulingStateStore state, AccountStore store, long version, CancellationToken ct)
    {
        var effective = SchedulingModes.Resolve(options);
        var fixedAccount = string.IsNullOrWhiteSpace(options.FixedAccount) ? null : await store.FindAsync(options.FixedAccount.Trim(), ct);
        return new SchedulingView(
            options.Strategy,
            options.Mode,
            effective.Strategy,
            effective.BindSessions,
            effective.WaitOnBoundAccount,
            options.MaxWaitSeconds,
            options.MaxAttempts,
            options.FixedAccount,
            fixedAccount?.Id,
            fixedAccount?.Email,
            state.BindingCount,
            version,
            (int)effective.ReuseWindow.TotalSeconds,
            options.SpreadNewSessions,
            SelectionPolicies.All,
            SchedulingModes.All);
    }
}
