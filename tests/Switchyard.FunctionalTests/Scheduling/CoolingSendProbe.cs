using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Accounts;
using Switchyard.RateLimits;
using Switchyard.Upstream;

namespace Switchyard.FunctionalTests.Scheduling;

/// <summary>What <see cref="CoolingSendProbe"/> saw, shared by every handler instance the client factory makes.</summary>
internal sealed class SendLedger
{
    private int _sends;
    private int _whileCooling;

    public int Sends => _sends;

    /// <summary>Generate calls that left the gateway while their (account, group, pool) was cooling.</summary>
    public int SendsWhileCooling => _whileCooling;

    public void Record(bool cooling)
    {
        Interlocked.Increment(ref _sends);
        if (cooling)
        {
            Interlocked.Increment(ref _whileCooling);
        }
    }

    /// <summary>Adds the probe to the gateway's Cloud Code client; every generate call checks the cooldowns as it leaves.</summary>
    public void Install(IServiceCollection services, string group) =>
        services.AddHttpClient(CloudCodeClient.HttpClientName).AddHttpMessageHandler(sp => new CoolingSendProbe(sp, this, group));
}

/// <summary>
/// A handler in the gateway's own upstream client: for each generate call, finds the account by the body's project
/// and the pool by the User-Agent, and records whether the gateway's cooldown tracker had that key cooling.
/// </summary>
internal sealed class CoolingSendProbe(IServiceProvider services, SendLedger ledger, string group) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.Contains("enerateContent", StringComparison.Ordinal) && request.Content is not null)
        {
            var body = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))!;
            var project = (string?)body["project"];
            var account = services.GetRequiredService<AccountRegistry>().Current.Accounts.Single(a => a.ProjectId == project);
            var pool = request.Headers.UserAgent.ToString().StartsWith("google-api-nodejs-client", StringComparison.Ordinal) ? QuotaPools.GeminiCli : QuotaPools.Antigravity;
            ledger.Record(services.GetRequiredService<CooldownTracker>().IsCooling(new RateLimitKey(account.Id, group, pool)));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
