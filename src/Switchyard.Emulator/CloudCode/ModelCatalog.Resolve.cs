using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>Step 4 of spec §8.2 and the per-account, per-host catalogue of 2026 §6.1.</summary>
internal static partial class ModelCatalog
{
    /// <summary>
    /// The model check. A retired id gets the 200 notice (or its successor with <c>deprecatedRedirect</c>); an
    /// unknown id, a legacy id not served, one removed from the account's catalogue, one the host lacks, or one the
    /// pool does not serve gets 404; so does a new model for a client below its version floor (2026 §4.1).
    /// Sets <see cref="CloudCodeCall.Model"/>.
    /// </summary>
    public static EmulatorReply? Resolve(CloudCodeCall call)
    {
        var id = call.ModelId;
        if (id is null)
        {
            return GoogleErrors.InvalidArgument("Request contains an invalid argument.");
        }

        var config = call.Config;
        var model = Servable(Find(id), call.Pool, config);
        if (model is null && call.Pool == QuotaPools.Antigravity && Retired.TryGetValue(id, out var retired))
        {
            if (config.DeprecatedRedirect)
            {
                id = retired.Successor;
                model = Find(id);
            }
            else if (config.Catalogue.RetiredNotice)
            {
                call.Entry.Outcome = "retired-model";
                return Notices.Completion(call, retired.Notice);
            }
        }

        if (!config.Validate.Models)
        {
            call.Model = model ?? Find("gemini-3-flash");
            return null;
        }

        bool denied;
        lock (call.State.Gate)
        {
            denied = call.Account?.DeniedModels.Contains(id, StringComparer.Ordinal) == true;
        }

        if (model is null || denied || !model.Pools.Contains(call.Pool) || MissingOnHost(config, call.Label, id))
        {
            call.Entry.Outcome = "model-not-found";
            return GoogleErrors.NotFound();
        }

        if (VersionFloor.BlocksNewModel(call, model))
        {
            call.Entry.Outcome = "new-model-floor";
            return GoogleErrors.NotFound();
        }

        call.Model = model;
        return null;
    }

    /// <summary>The antigravity catalogue an account sees on a host: what fetchAvailableModels lists.</summary>
    public static IEnumerable<ModelInfo> Listed(EmulatorConfig config, string label, EmulatedAccount? account, EmulatorState state)
    {
        HashSet<string> denied;
        lock (state.Gate)
        {
            denied = account is null ? [] : new HashSet<string>(account.DeniedModels, StringComparer.Ordinal);
        }

        return All.Where(m => m.Pools.Contains(QuotaPools.Antigravity)
            && Servable(m, QuotaPools.Antigravity, config) is not null
            && !denied.Contains(m.Id)
            && !MissingOnHost(config, label, m.Id));
    }

    /// <summary>Whether <paramref name="id"/> is an id the emulator knows at all (served, legacy or retired).</summary>
    public static bool IsKnown(string id) => ById.ContainsKey(id) || Retired.ContainsKey(id);

    /// <summary>prod lags daily: it lacks the newest models (2026 §8.2).</summary>
    public static bool MissingOnHost(EmulatorConfig config, string label, string id) =>
        label == "prod" && config.Hosts.ProdMissingModels.Any(pattern => Glob.IsMatch(pattern, id));

    /// <summary>The model when the pool serves it under the config: legacy ids only in gemini-cli or with serveLegacyModels.</summary>
    private static ModelInfo? Servable(ModelInfo? model, string pool, EmulatorConfig config) =>
        model is { Legacy: true } && pool == QuotaPools.Antigravity && !config.Catalogue.ServeLegacyModels ? null : model;
}
