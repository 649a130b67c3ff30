using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulator.State;
using Switchyard.FunctionalTests.FrontDoors;
using Switchyard.FunctionalTests.RequestLog;
using Switchyard.Quota;
using Switchyard.RateLimits;
using Switchyard.RequestLog;

namespace Switchyard.FunctionalTests.Upstream2026;

/// <summary>What the 2026 tests share: a pool of PRO accounts, request bodies by model, both clocks moved together.</summary>
internal static class Kit2026
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary><paramref name="count"/> PRO accounts (credits 1000), or as <paramref name="change"/> makes them.</summary>
    public static AccountSeed[] Pool(int count, Func<AccountSeed, AccountSeed>? change = null) =>
        [.. Scheduling.SchedulingKit.Pool(count).Select(s => change?.Invoke(s) ?? s)];

    /// <summary>The gateway over <paramref name="seeds"/>, with a sink counting finished requests (for the request log).</summary>
    public static async Task<(FrontDoorHarness H, CountingSink Finished)> StartAsync(AccountSeed[] seeds, Action<Dictionary<string, string?>>? settings = null)
    {
        var finished = new CountingSink();
        var h = await FrontDoorHarness.StartAsync(seeds, settings, services => services.AddSingleton<IRequestSink>(finished));
        return (h, finished);
    }

    /// <summary>An Anthropic Messages body for <paramref name="model"/>.</summary>
    public static string Body(string model, string text, string? session = null, bool stream = false, string? system = null)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 256,
            ["stream"] = stream,
            ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = text } },
        };
        if (session is not null)
        {
            body["metadata"] = new JsonObject { ["user_id"] = session };
        }

        if (system is not null)
        {
            body["system"] = system;
        }

        return body.ToJsonString();
    }

    public static string Claude(string text, string? session = null) => Body("claude-sonnet-4-5", text, session);

    public static string Gemini(string text, string? session = null) => Body("gemini-3-flash", text, session);

    public static QuotaService Quota(this FrontDoorHarness h) => h.App.Services.GetRequiredService<QuotaService>();

    public static CooldownTracker Cooldowns(this FrontDoorHarness h) => h.App.Services.GetRequiredService<CooldownTracker>();

    /// <summary>Reads every account's quota now (what the schedule and start-up do).</summary>
    public static Task ReadQuotaAsync(this FrontDoorHarness h) => h.Quota().RefreshAllAsync(Ct);

    public static string Id(this FrontDoorHarness h, string email) =>
        h.App.Services.GetRequiredService<Switchyard.Accounts.AccountRegistry>().Current.Accounts.Single(a => a.Email == email).Id;

    /// <summary>Moves the emulator's clock and the gateway's together.</summary>
    public static async Task AdvanceAsync(this FrontDoorHarness h, TimeSpan by)
    {
        await h.Emulator.Control.AdvanceClockAsync(by, Ct);
        h.Accounts.Time.Advance(by);
    }

    /// <summary>Empties one quota window of an account in the emulator until <paramref name="resetIn"/> from now.</summary>
    public static Task DrainAsync(this FrontDoorHarness h, string email, string bucket, TimeSpan resetIn) =>
        h.Emulator.Control.SetQuotaAsync(email, "antigravity", bucket, 0, resetInSeconds: resetIn.TotalSeconds, cancellationToken: Ct);

    /// <summary>The generate calls the emulator saw for <paramref name="email"/> (every account when null).</summary>
    public static async Task<List<JournalEntry>> CallsAsync(this FrontDoorHarness h, string? email = null) =>
        [.. (await h.GenerateCallsAsync()).Where(c => email is null || c.Email == email)];

    /// <summary>The request log's record of the response's request, once the log has written it.</summary>
    public static async Task<JsonObject> LoggedAsync(this FrontDoorHarness h, CountingSink finished, HttpResponseMessage response, long count)
    {
        await finished.WaitForAsync(count, Ct);
        await h.App.Services.GetRequiredService<RequestLogWriter>().FlushAsync(Ct);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        return (await h.Client.GetFromJsonAsync<JsonObject>("admin/api/requests/" + id, Ct))!;
    }

    public static string Decision(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Switchyard-Decision", out var values) ? values.Single() : "";
}
