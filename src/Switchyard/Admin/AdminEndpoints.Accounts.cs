using System.Text.Json;
using Switchyard.Accounts;
using Switchyard.Quota;
using Switchyard.Scheduling;

namespace Switchyard.Admin;

internal static partial class AdminEndpoints
{
    private static void MapAccounts(RouteGroupBuilder admin)
    {
        admin.MapGet("/accounts", async (AdminPool pool, CancellationToken ct) => TypedResults.Json(await pool.ListAsync(ct), AdminJsonContext.Default.IReadOnlyListAccountView))
            .WithSummary("The pool: each account's tier, status and reason, quota per model group with reset time, cooldowns.");

        admin.MapPost("/accounts/login", (HttpContext http, AdminSignIn signIn) =>
        {
            var (url, state, expires, error) = signIn.Start($"{http.Request.Scheme}://{http.Request.Host}");
            return url is null
                ? (IResult)Error(StatusCodes.Status400BadRequest, error!)
                : TypedResults.Json(new SignInView(url, state!, expires), AdminJsonContext.Default.SignInView);
        }).WithSummary("Starts adding an account: open authorizeUrl in the browser; Google comes back to /admin/oauth/callback on this gateway.");

        admin.MapPost("/accounts/{id}/enable", async (string id, AdminPool pool, CancellationToken ct) =>
            await pool.SetEnabledAsync(id, true, null, ct) is { } view ? (IResult)TypedResults.Json(view, AdminJsonContext.Default.AccountView) : NotFoundAccount(id))
            .WithSummary("Enables an account and clears its cooldowns.");

        admin.MapPost("/accounts/{id}/disable", async Task<IResult> (string id, HttpRequest request, AdminPool pool, CancellationToken ct) =>
        {
            var (body, error) = await ReadObjectAsync(request);
            if (error is not null)
            {
                return error;
            }

            string? reason = null;
            if (body!.Value.TryGetProperty("reason", out var r))
            {
                if (r.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return Error(StatusCodes.Status400BadRequest, "reason must be a string.");
                }

                reason = r.GetString()?.Trim() is { Length: > 0 } text ? (text.Length > 200 ? text[..200] : text) : null;
            }

            return await pool.SetEnabledAsync(id, false, reason ?? "disabled in the dashboard", ct) is { } view
                ? TypedResults.Json(view, AdminJsonContext.Default.AccountView)
                : NotFoundAccount(id);
        }).Accepts<DisableBody>("application/json").WithSummary("Disables an account, keeping the reason.");

        admin.MapDelete("/accounts/{id}", async (string id, AdminPool pool, CancellationToken ct) =>
            await pool.RemoveAsync(id, ct) ? (IResult)TypedResults.NoContent() : NotFoundAccount(id))
            .WithSummary("Removes an account and its stored tokens and quota.");

        admin.MapPost("/accounts/{id}/quota/refresh", async (string id, AdminPool pool, CancellationToken ct) =>
        {
            var result = await pool.RefreshQuotaAsync(id, ct);
            if (result is null)
            {
                return (IResult)NotFoundAccount(id);
            }

            return result.Error is null
                ? TypedResults.Json(result, AdminJsonContext.Default.QuotaRefreshView)
                : TypedResults.Json(result, AdminJsonContext.Default.QuotaRefreshView, statusCode: StatusCodes.Status502BadGateway);
        }).WithSummary("Reads the account's quota from Google now.");

        admin.MapGet("/quotas", async (AdminPool pool, CancellationToken ct) =>
            TypedResults.Json(await pool.QuotasAsync(ct), AdminJsonContext.Default.IReadOnlyListAccountQuotaView))
            .WithSummary("The last quota reading of every account per model group.");

        admin.MapGet("/quotas/forecast", (QuotaForecaster forecaster) =>
            TypedResults.Json(forecaster.ForecastAll(), QuotaJsonContext.Default.IReadOnlyListQuotaForecast))
            .WithSummary("Per family: both windows across the pool (remaining, next reset, recent rate), when the pool runs dry at that rate, accounts left.");

        admin.MapGet("/cooldowns", async (AdminPool pool, CancellationToken ct) =>
            TypedResults.Json(await pool.CooldownsAsync(null, ct), AdminJsonContext.Default.IReadOnlyListCooldownView))
            .WithSummary("Cooldowns in force per (account, model group, quota pool); account-wide ones have empty group and pool.");

        admin.MapDelete("/cooldowns", async (PoolClearing clearing, CancellationToken ct) =>
            TypedResults.Json(new CountView(await clearing.ClearCooldownsAsync(null, ct)), AdminJsonContext.Default.CountView))
            .WithSummary("Clears every cooldown, in memory and in the database (they stay cleared after a restart); answers how many were in force.");

        admin.MapDelete("/cooldowns/{accountId}", async (string accountId, AccountStore store, PoolClearing clearing, CancellationToken ct) =>
        {
            if (await store.FindAsync(accountId, ct) is not { } account)
            {
                return (IResult)NotFoundAccount(accountId);
            }

            return TypedResults.Json(new CountView(await clearing.ClearCooldownsAsync(account.Id, ct)), AdminJsonContext.Default.CountView);
        }).WithSummary("Clears one account's cooldowns, in memory and in the database.");

        admin.MapGet("/cache", (Switchyard.RequestLog.PromptCacheLedger cache) =>
            TypedResults.Json(new CacheView(cache.Accounts(), cache.Sessions(50)), AdminJsonContext.Default.CacheView))
            .WithSummary("Prompt-cache hit rates since start (cached ÷ prompt tokens, from the upstream's cachedContentTokenCount) per account and for the 50 most recent sessions.");

        admin.MapGet("/bindings", (ISchedulingStateStore state) => TypedResults.Json(new CountView(state.BindingCount), AdminJsonContext.Default.CountView))
            .WithSummary("How many sessions are bound to an account.");

        admin.MapDelete("/bindings", (PoolClearing clearing) => TypedResults.Json(new CountView(clearing.ClearBindings()), AdminJsonContext.Default.CountView))
            .WithSummary("Forgets every session binding; answers how many there were.");
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, AdminSignIn signIn, CancellationToken ct)
    {
        var callback = OAuthCallback.FromQuery(http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "");
        var (account, error) = await signIn.CompleteAsync(callback, ct);
        return account is not null
            ? TypedResults.Redirect("/?added=" + Uri.EscapeDataString(account.Email))
            : TypedResults.Redirect("/?signin-error=" + Uri.EscapeDataString(error ?? "Sign-in failed."));
    }
}
