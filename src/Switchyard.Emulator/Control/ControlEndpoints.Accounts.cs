using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Control;

/// <summary>
/// The 2026 per-account state (upstream-2026 §3, §5, §6, §7): <c>PATCH /accounts/{email}</c> sets the credit balance
/// and the flags; <c>DELETE|PUT /accounts/{email}/models/{model}</c> removes a model from (or returns it to) that
/// account's catalogue.
/// </summary>
internal static partial class ControlEndpoints
{
    private static readonly string[] AccountFlagKeys =
        ["verificationRequired", "termsOfServiceBanned", "disabled", "serviceDisabled", "geminiCliLicense"];

    static void MapAccountRoutes(RouteGroupBuilder group)
    {
        group.MapPatch("/accounts/{email}", PatchAccountAsync);
        group.MapDelete("/accounts/{email}/models/{model}", (string email, string model, EmulatorState state) => SetModel(state, email, model, listed: false));
        group.MapPut("/accounts/{email}/models/{model}", (string email, string model, EmulatorState state) => SetModel(state, email, model, listed: true));
    }

    /// <summary><c>{credits?, verificationRequired?, termsOfServiceBanned?, disabled?, serviceDisabled?, geminiCliLicense?}</c>.</summary>
    private static async Task<IResult> PatchAccountAsync(string email, HttpRequest request, EmulatorState state)
    {
        var body = await ReadObjectAsync(request);
        long? credits = null;
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (key, value) in body)
        {
            if (key == "credits")
            {
                credits = value is JsonValue v && v.TryGetValue<long>(out var c) && c >= 0
                    ? c
                    : throw new ControlException("'credits' must be a non-negative integer.");
            }
            else if (AccountFlagKeys.Contains(key, StringComparer.Ordinal))
            {
                flags[key] = value is JsonValue v && v.TryGetValue<bool>(out var b)
                    ? b
                    : throw new ControlException($"'{key}' must be true or false.");
            }
            else
            {
                throw new ControlException($"Unknown account key '{key}'; use credits, {string.Join(", ", AccountFlagKeys)}.");
            }
        }

        lock (state.Gate)
        {
            var account = state.Accounts.GetValueOrDefault(email) ?? throw new ControlException($"No account '{email}'.", 404);
            if (credits is { } balance)
            {
                account.Credits = balance;
            }

            foreach (var (key, value) in flags)
            {
                switch (key)
                {
                    case "verificationRequired": account.VerificationRequired = value; break;
                    case "termsOfServiceBanned": account.TermsOfServiceBanned = value; break;
                    case "disabled": account.Disabled = value; break;
                    case "serviceDisabled": account.ServiceDisabled = value; break;
                    case "geminiCliLicense": account.GeminiCliLicense = value; break;
                }
            }

            return NodeResult(Describe(account));
        }
    }

    private static IResult SetModel(EmulatorState state, string email, string model, bool listed)
    {
        if (!ModelCatalog.IsKnown(model))
        {
            throw new ControlException($"Unknown model '{model}'.");
        }

        lock (state.Gate)
        {
            var account = state.Accounts.GetValueOrDefault(email) ?? throw new ControlException($"No account '{email}'.", 404);
            account.DeniedModels.RemoveAll(m => string.Equals(m, model, StringComparison.Ordinal));
            if (!listed)
            {
                account.DeniedModels.Add(model);
            }

            return NodeResult(Describe(account));
        }
    }

    /// <summary>The 2026 part of an account's state. Call under the gate.</summary>
    private static JsonObject Describe(EmulatedAccount account) => new()
    {
        ["email"] = account.Email,
        ["credits"] = account.Credits,
        ["verificationRequired"] = account.VerificationRequired,
        ["termsOfServiceBanned"] = account.TermsOfServiceBanned,
        ["disabled"] = account.Disabled,
        ["serviceDisabled"] = account.ServiceDisabled,
        ["geminiCliLicense"] = account.GeminiCliLicense,
        ["removedModels"] = new JsonArray(account.DeniedModels.Select(m => (JsonNode)m).ToArray()),
    };
}
