using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// loadCodeAssist and onboardUser (spec §3.3-3.4). Runs after auth, so <see cref="CloudCodeCall.Account"/> is
/// the token's account. Fault actions <c>loadCodeAssist</c> and <c>onboard</c> arrive as
/// <see cref="CloudCodeCall.ShapingFault"/> and bend the real answer.
/// </summary>
internal static class Provisioning
{
    public const string FreeTier = "free-tier";
    public const string StandardTier = "standard-tier";
    public const string LegacyTier = "legacy-tier";
    public const string OnboardResponseType = "type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse";

    public const string FreeTierName = "Gemini Code Assist for individuals";

    public static EmulatorReply LoadCodeAssist(CloudCodeCall call)
    {
        if (call.Body["metadata"] is { } metadata and not JsonObject)
        {
            return GoogleErrors.InvalidArgument(
                $"Invalid value at 'metadata' ({metadata.GetValueKind()}), expected a ClientMetadata object.");
        }

        var fault = call.ShapingFault?.Type == "loadCodeAssist" ? call.ShapingFault : null;
        var omitProject = fault?.Bool("omitProject") == true;
        var objectProject = fault?.Bool("objectProject") == true;
        var ineligible = fault?.Bool("ineligible") == true;
        if (GeminiCliRetirement.LoadCodeAssist(call, force: fault?.Bool("unsupportedClient") == true) is { } unsupported)
        {
            return unsupported;
        }

        var body = new JsonObject();
        string? project = null;
        JsonObject? validationTier = null;
        var account = call.Account;
        if (account is not null)
        {
            lock (call.State.Gate)
            {
                if (account.VerificationRequired)
                {
                    // 2026 §7.2: no current tier, and the reason among the ineligible tiers.
                    validationTier = AccountFlags.ValidationIneligibleTier(account.Email);
                    call.Entry.Outcome = "validation-required";
                }
                else if (account.Onboarded && !ineligible)
                {
                    var (current, paid) = Tiers(account.Tier);
                    body["currentTier"] = current;
                    if (paid is not null)
                    {
                        // 2026 §3.3: the credit balance rides on the paid tier.
                        paid["availableCredits"] = Credits.Available(account.Credits, call.Config.Credits);
                        body["paidTier"] = paid;
                    }
                }

                project = account.Onboarded ? account.ProjectId : null;
            }
        }

        body["allowedTiers"] = new JsonArray
        {
            (JsonNode)new JsonObject
            {
                ["id"] = FreeTier,
                ["name"] = FreeTierName,
                ["description"] = "Gemini Code Assist for individuals, at no cost.",
                ["isDefault"] = true,
                ["userDefinedCloudaicompanionProject"] = false,
            },
            (JsonNode)new JsonObject
            {
                ["id"] = StandardTier,
                ["name"] = "Gemini Code Assist",
                ["description"] = "Gemini Code Assist for teams and businesses.",
                ["userDefinedCloudaicompanionProject"] = true,
            },
        };
        if (validationTier is not null)
        {
            body["ineligibleTiers"] = new JsonArray { (JsonNode)validationTier };
        }
        else if (ineligible)
        {
            body["ineligibleTiers"] = new JsonArray
            {
                (JsonNode)new JsonObject
                {
                    ["reasonCode"] = "INELIGIBLE_ACCOUNT",
                    ["reasonMessage"] = "Your account is not eligible for Gemini Code Assist for individuals.",
                    ["tierId"] = FreeTier,
                    ["tierName"] = FreeTierName,
                },
            };
        }

        if (project is not null && !omitProject)
        {
            body["cloudaicompanionProject"] = objectProject
                ? new JsonObject { ["id"] = project, ["name"] = project }
                : project;
        }

        if (project is null || omitProject)
        {
            call.Entry.Outcome ??= "no-project";
        }

        return new JsonReply(200, body);
    }

    public static EmulatorReply OnboardUser(CloudCodeCall call)
    {
        var tierId = StringField(call.Body, "tierId", "tier_id");
        if (tierId is null)
        {
            call.Entry.Outcome = "missing-tier";
            return GoogleErrors.InvalidArgument("Invalid value at 'tier_id': a tier id is required.");
        }

        if (NormaliseTier(tierId) is null)
        {
            call.Entry.Outcome = "unknown-tier";
            return GoogleErrors.InvalidArgument($"Invalid value at 'tier_id' (TYPE_STRING), \"{tierId}\": unknown tier.");
        }

        if (call.Body["metadata"] is { } metadata and not JsonObject)
        {
            return GoogleErrors.InvalidArgument(
                $"Invalid value at 'metadata' ({metadata.GetValueKind()}), expected a ClientMetadata object.");
        }

        if (call.Account is not { } account)
        {
            return GoogleErrors.InvalidCredential();
        }

        var pendingPolls = call.ShapingFault?.Type == "onboard" ? call.ShapingFault.Int("pendingPolls") : null;
        lock (call.State.Gate)
        {
            if (pendingPolls is { } polls)
            {
                account.OnboardPendingPolls = Math.Max(0, polls);
            }

            var name = $"operations/onboard-{account.Sub}";
            if (account.OnboardPendingPolls > 0)
            {
                account.OnboardPendingPolls--;
                call.Entry.Outcome = "onboard-pending";
                return new JsonReply(200, new JsonObject { ["name"] = name, ["done"] = false });
            }

            account.Onboarded = true;
            return new JsonReply(200, new JsonObject
            {
                ["name"] = name,
                ["done"] = true,
                ["response"] = new JsonObject
                {
                    ["@type"] = OnboardResponseType,
                    ["cloudaicompanionProject"] = new JsonObject { ["id"] = account.ProjectId, ["name"] = account.ProjectId },
                },
            });
        }
    }

    /// <summary>The tier ids onboardUser accepts, also as the enum-style names (<c>FREE</c>) some clients send.</summary>
    public static string? NormaliseTier(string tierId) => tierId.ToUpperInvariant() switch
    {
        "FREE-TIER" or "FREE" => FreeTier,
        "STANDARD-TIER" or "STANDARD" => StandardTier,
        "LEGACY-TIER" or "LEGACY" => LegacyTier,
        _ => null,
    };

    /// <summary>currentTier and paidTier for an account tier (FREE, PRO, ULTRA).</summary>
    private static (JsonObject Current, JsonObject? Paid) Tiers(string tier) => tier switch
    {
        "PRO" => (
            new JsonObject { ["id"] = StandardTier, ["name"] = "Google AI Pro", ["description"] = "Google AI Pro subscription." },
            new JsonObject { ["id"] = "g1-pro-tier", ["name"] = "Google AI Pro" }),
        "ULTRA" => (
            new JsonObject { ["id"] = StandardTier, ["name"] = "Google AI Ultra", ["description"] = "Google AI Ultra subscription." },
            new JsonObject { ["id"] = "g1-ultra-tier", ["name"] = "Google AI Ultra" }),
        _ => (
            new JsonObject { ["id"] = FreeTier, ["name"] = FreeTierName, ["description"] = "Gemini Code Assist for individuals, at no cost." },
            null),
    };

    /// <summary>A string field under its camelCase or snake_case name; camelCase wins.</summary>
    private static string? StringField(JsonObject body, string camel, string snake)
    {
        foreach (var key in (string[])[camel, snake])
        {
            if (body[key] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
        }

        return null;
    }
}
