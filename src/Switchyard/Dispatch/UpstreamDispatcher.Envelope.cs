using Switchyard.Accounts;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Quota;
using Switchyard.RateLimits;
using Switchyard.Scheduling;
using Switchyard.Upstream;
using Switchyard.Upstream.Wire;
using SchedulingTier = Switchyard.Scheduling.AccountTier;

namespace Switchyard.Dispatch;

internal sealed partial class UpstreamDispatcher
{
    /// <summary>The credit type of the opt-in (upstream-2026 §3.1).</summary>
    private const string GoogleOneAi = "GOOGLE_ONE_AI";

    /// <summary>
    /// Every account as the scheduler sees it for <paramref name="route"/>: tier, the fraction left in the route's windows,
    /// protection, whether its catalogue serves the model, whether it keeps the gemini-cli pool, and its credits.
    /// </summary>
    private List<SchedulingCandidate> Candidates(ModelRoute route)
    {
        var keys = QuotaService.KeysFor(route);
        var windowKeys = QuotaKeys.For(route);
        var model = quota.SuccessorOf(route.UpstreamModel) ?? route.UpstreamModel;
        var creditOptions = credits.CurrentValue;
        var accounts = registry.Current.Accounts;
        var list = new List<SchedulingCandidate>(accounts.Count);
        foreach (var a in accounts)
        {
            var q = quota.Get(a.Id);
            var mode = creditOptions.ModeFor(a.Id, a.Email);
            var use = mode == CreditModes.Off || !q.CreditsUsable || route.ImageGeneration ? CreditUse.None
                : mode == CreditModes.Always ? CreditUse.Always
                : CreditUse.LastResort;
            list.Add(new SchedulingCandidate(a.Id, a.Email, Tier(a.Tier), a.Enabled, quota.RemainingFraction(a.Id, keys),
                a.Enabled && quota.IsProtected(a.Id, keys), q.Serves(model) != false, q.GeminiCli, use,
                Windows(q, windowKeys), Pace(a.Id, a.Email, route)));
        }

        return list;
    }

    /// <summary>
    /// A 404 when no enabled account's live catalogue serves the model, else null. The gemini-cli pool is no way out: it is
    /// a fallback for exhausted quota only, and a model no catalogue lists is not a quota problem.
    /// </summary>
    private static DispatchFailure? NoAccountServes(List<SchedulingCandidate> candidates, DispatchTrip trip)
    {
        if (trip.Pool == QuotaPools.GeminiCli && trip.Fallback is null
            && candidates.Exists(c => c.Enabled) && candidates.TrueForAll(c => !c.Enabled || c.GeminiCli == false))
        {
            // Not a passing condition: the pool is gone for these accounts (upstream-2026: personal accounts lost it).
            return DispatchFailure.Own(StatusCodes.Status404NotFound,
                $"The model '{trip.Route.UpstreamModel}' is served only through the gemini-cli pool, and no account has that pool (their loadCodeAssist shows none). GET /v1/models lists what the pool serves.");
        }

        if (trip.Pool != QuotaPools.Antigravity
            || !candidates.Exists(c => c.Enabled) || candidates.Exists(c => c.Enabled && c.ServesModel))
        {
            return null;
        }

        return trip.LastFailure is { Kind: UpstreamFailureKind.NotFound }
            ? DispatchFailure.FromUpstream(StatusCodes.Status404NotFound, trip.LastBody)
            : DispatchFailure.Own(StatusCodes.Status404NotFound,
                $"No account serves the model '{trip.Route.UpstreamModel}': no account's live catalogue lists it. GET /v1/models lists what the pool serves.");
    }

    /// <summary>The route's family windows as last read (for the reset-aware score); null when none is read.</summary>
    private static List<CandidateWindow>? Windows(AccountQuota q, IReadOnlyList<string> windowKeys)
    {
        if (windowKeys.Count == 0)
        {
            return null;
        }

        var windows = q.Entries
            .Where(e => !e.Disabled && windowKeys.Contains(e.Group, StringComparer.OrdinalIgnoreCase))
            .Select(e => new CandidateWindow(e.Group, e.RemainingFraction, e.ResetTime))
            .ToList();
        return windows.Count > 0 ? windows : null;
    }

    /// <summary>Where the account stands against its weekly budget for the route's family (<c>Quota:Pacing</c>).</summary>
    private PaceState Pace(string accountId, string email, ModelRoute route) =>
        route.QuotaFamily is not { } family ? PaceState.OnPace
        : pacing.Standing(accountId, email, family) switch
        {
            PaceStanding.Ahead => PaceState.Ahead,
            PaceStanding.Reserve => PaceState.Reserve,
            _ => PaceState.OnPace,
        };

    private static SchedulingTier Tier(Accounts.AccountTier tier) => tier switch
    {
        Accounts.AccountTier.Ultra => SchedulingTier.Ultra,
        Accounts.AccountTier.Pro => SchedulingTier.Pro,
        Accounts.AccountTier.Free => SchedulingTier.Free,
        _ => SchedulingTier.Unknown,
    };

    /// <summary>
    /// The envelope as the 2026 upstream wants it (upstream-2026 §3, §6.3, §8.1): a retired id sent as its successor;
    /// <c>requestType</c> <c>image_gen</c> for image models, <c>web_search</c> (on a search model, without a requestId)
    /// when googleSearch is the request's tool, else <c>agent</c>; the credits opt-in when the account serves on credits.
    /// The gemini-cli pool's envelope carries its own model id and none of these.
    /// </summary>
    private UpstreamEnvelope Finish(UpstreamEnvelope envelope, ModelRoute route, Account account, bool useCredits, bool geminiCli)
    {
        if (geminiCli)
        {
            var cliModel = route.Pool == ModelPool.GeminiCli ? envelope.Model : GeminiCliModels.For(route) ?? envelope.Model;
            var switched = envelope with { Model = cliModel, RequestType = null, UserAgent = null, EnabledCreditTypes = null };

            // The gemini-cli twin may take fewer output tokens than the antigravity model (65 535 against 65 536).
            return cliModel != envelope.Model && UpstreamModels.TryGet(cliModel, out var twin) ? OutputLimit.Clamp(switched, twin.MaxOutputTokens) : switched;
        }

        var model = quota.SuccessorOf(envelope.Model) ?? envelope.Model;
        var tools = envelope.Request.Tools;
        string requestType;
        var requestId = envelope.RequestId;
        if (route.ImageGeneration)
        {
            requestType = "image_gen";
        }
        else if (tools is { Count: > 0 } && tools.Exists(t => t.GoogleSearch is not null) && !tools.Exists(t => t.FunctionDeclarations is { Count: > 0 }))
        {
            requestType = "web_search";
            requestId = null;
            var searchModels = quota.SearchModels(account.Id);
            if (route.Family == ModelFamily.Gemini && !searchModels.Contains(model, StringComparer.OrdinalIgnoreCase))
            {
                model = searchModels[0];
            }
        }
        else
        {
            requestType = "agent";
        }

        return envelope with
        {
            Model = model,
            RequestType = requestType,
            RequestId = requestId,
            EnabledCreditTypes = useCredits && requestType != "image_gen" ? [GoogleOneAi] : null,
        };
    }

    private static byte[] Serialize(string method, UpstreamEnvelope envelope)
    {
        if (method != GenerateClient.CountTokens)
        {
            return UnpooledJson.Serialize(envelope, UpstreamJsonContext.Default.UpstreamEnvelope);
        }

        var full = envelope.Request;
        var count = new CountTokensEnvelope { Request = new UpstreamRequest { Contents = full.Contents, SystemInstruction = full.SystemInstruction, Tools = full.Tools } };
        return UnpooledJson.Serialize(count, UpstreamJsonContext.Default.CountTokensEnvelope);
    }
}
