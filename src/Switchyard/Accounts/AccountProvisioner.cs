using Microsoft.Extensions.Options;
using Switchyard.Upstream;

namespace Switchyard.Accounts;

/// <summary>Who an access token belongs to and where it works: email, managed project, tier.</summary>
internal sealed record AccountIdentity(string Email, string? ProjectId, AccountTier Tier);

/// <summary>
/// After sign-in (or import): email from userinfo; project from loadCodeAssist, else onboardUser polled a
/// bounded number of times (spec §3.3-3.4); tier from the paid or current tier id.
/// </summary>
internal sealed class AccountProvisioner(GoogleOAuthClient oauth, CloudCodeClient cloudCode, IOptions<AccountsOptions> options, TimeProvider time)
{
    public async Task<(AccountIdentity? Identity, string? Error)> IdentifyAsync(string accessToken, Action<string> progress, CancellationToken cancellationToken)
    {
        progress("Reading the account's email address");
        var email = await oauth.GetEmailAsync(accessToken, cancellationToken);
        if (email.Failure is { } emailFailure)
        {
            return (null, emailFailure.Message);
        }

        var (project, tier, error) = await ProvisionAsync(accessToken, progress, cancellationToken);
        return error is null ? (new AccountIdentity(email.Value!, project, tier), null) : (null, error);
    }

    public async Task<(string? ProjectId, AccountTier Tier, string? Error)> ProvisionAsync(string accessToken, Action<string> progress, CancellationToken cancellationToken)
    {
        progress("Looking up the Cloud Code project (loadCodeAssist)");
        var load = await cloudCode.LoadCodeAssistAsync(accessToken, cancellationToken);
        if (load.Value is not { } status)
        {
            return (null, AccountTier.Unknown, load.Error);
        }

        if (status.ProjectId is { } project)
        {
            return (project, TierOf(status), null);
        }

        var tierId = status.DefaultAllowedTierId ?? "free-tier";
        var polls = options.Value.OnboardMaxPolls;
        for (var poll = 1; poll <= polls; poll++)
        {
            progress($"Provisioning a project (onboardUser, try {poll} of {polls})");
            var onboard = await cloudCode.OnboardUserAsync(accessToken, tierId, cancellationToken);
            if (onboard.Value is not { } op)
            {
                return (null, AccountTier.Unknown, onboard.Error);
            }

            if (op.Done)
            {
                var after = await cloudCode.LoadCodeAssistAsync(accessToken, cancellationToken);
                var tier = after.Value is { } s ? TierOf(s) : AccountTier.Unknown;
                var projectId = op.ProjectId ?? after.Value?.ProjectId;
                return projectId is null
                    ? (null, tier, "onboardUser finished without a project.")
                    : (projectId, tier, null);
            }

            if (poll < polls && options.Value.OnboardPollDelaySeconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.OnboardPollDelaySeconds), time, cancellationToken);
            }
        }

        return (null, AccountTier.Unknown, $"The project was still being provisioned after {polls} onboardUser polls; try again later (Accounts:OnboardMaxPolls).");
    }

    /// <summary>ULTRA or PRO from the paid tier (g1-ultra-tier, g1-pro-tier), else from the current tier.</summary>
    public static AccountTier TierOf(CodeAssistStatus status)
    {
        foreach (var id in new[] { status.PaidTierId, status.CurrentTierId })
        {
            if (id is null)
            {
                continue;
            }

            if (id.Contains("ultra", StringComparison.OrdinalIgnoreCase))
            {
                return AccountTier.Ultra;
            }

            if (id.Contains("pro", StringComparison.OrdinalIgnoreCase) || id.Contains("standard", StringComparison.OrdinalIgnoreCase))
            {
                return AccountTier.Pro;
            }

            if (id.Contains("free", StringComparison.OrdinalIgnoreCase))
            {
                return AccountTier.Free;
            }
        }

        return AccountTier.Unknown;
    }
}
