using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// Step 2-3 of spec §8.2: disabled accounts, terms-of-service bans (upstream-2026 §7.4), verification required
/// (§7.1; loadCodeAssist reports it as an ineligible tier instead, §7.2) and service disabled.
/// </summary>
internal static class AccountFlags
{
    public const string VerifyMessage = "Verify your account to continue.";
    public const string LearnMoreUrl = "https://support.google.com/accounts?p=al_alert";

    public const string TosBanMessage =
        "This service has been disabled in this account for violation of Terms of Service. Please submit an appeal to continue using this product.";

    public const string TosBanMessageFebruary =
        "Gemini has been disabled in this account for violation of Terms of\n\t\tService. If you believe this is an error, please contact Google Cloud Support, or email\n\t\tgemini-code-assist-user-feedback@google.com.";

    public static EmulatorReply? Check(CloudCodeCall call)
    {
        var account = call.Account;
        if (account is null)
        {
            return null;
        }

        bool disabled, banned, verification, serviceDisabled;
        string project, email;
        lock (call.State.Gate)
        {
            disabled = account.Disabled;
            banned = account.TermsOfServiceBanned;
            verification = account.VerificationRequired;
            serviceDisabled = account.ServiceDisabled;
            project = account.ProjectId;
            email = account.Email;
        }

        if (disabled)
        {
            call.Entry.Outcome = "account-disabled";
            return GoogleErrors.PermissionDenied("The caller does not have permission");
        }

        if (banned)
        {
            call.Entry.Outcome = "tos-banned";
            return TosBanned(call.Config);
        }

        if (verification && !(call.Rpc == "loadCodeAssist" && call.Config.AccountChecks.VerificationInLoadCodeAssist))
        {
            call.Entry.Outcome = "validation-required";
            return ValidationRequired(email, call.Config.AccountChecks.ValidationMessageForm == "long");
        }

        var userProject = call.Http.Request.Headers["x-goog-user-project"].ToString();
        if (serviceDisabled && (!call.Config.ServiceDisabledOnlyWithUserProject || userProject.Length > 0))
        {
            call.Entry.Outcome = "service-disabled";
            return ServiceDisabled(userProject.Length > 0 ? userProject : project);
        }

        if (call.Config.StrictProject
            && call.Body["project"] is JsonValue value && value.TryGetValue<string>(out var sent)
            && sent.Length > 0 && !string.Equals(sent, project, StringComparison.Ordinal))
        {
            call.Entry.Outcome = "foreign-project";
            return GoogleErrors.PermissionDenied($"Permission denied on resource project {sent}.");
        }

        return null;
    }

    /// <summary>403 PERMISSION_DENIED with no details (2026 §7.4).</summary>
    public static JsonReply TosBanned(EmulatorConfig config) =>
        GoogleErrors.PermissionDenied(config.AccountChecks.TosBanMessage == "2026-02" ? TosBanMessageFebruary : TosBanMessage);

    /// <summary>
    /// The verification URL for an account: <c>plt</c> is a per-account token and <c>authuser</c> has no value, as
    /// captured (2026 §7.1).
    /// </summary>
    public static string ValidationUrl(string email)
    {
        var token = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("plt:" + email)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return "https://accounts.google.com/signin/continue?sarp=1&scc=1&continue=https://developers.google.com/gemini-code-assist/auth/auth_success_gemini"
            + $"&plt=AKq{token}&flowName=GlifWebSignIn&authuser";
    }

    /// <summary>
    /// 403 VALIDATION_REQUIRED (2026 §7.1): ErrorInfo with the validation metadata, then a Help link to the same URL.
    /// The long form puts the URL in the message and adds <c>validation_message_description</c>.
    /// </summary>
    public static JsonReply ValidationRequired(string email, bool longForm = false)
    {
        var url = ValidationUrl(email);
        var metadata = new JsonObject
        {
            ["validation_error_message"] = VerifyMessage,
            ["validation_url_link_text"] = "Verify your account",
            ["validation_url"] = url,
            ["validation_learn_more_link_text"] = "Learn more",
            ["validation_learn_more_url"] = LearnMoreUrl,
        };
        if (longForm)
        {
            metadata["validation_message_description"] = "To continue, verify your account at";
        }

        var details = new JsonArray
        {
            (JsonNode)GoogleErrors.ErrorInfo("VALIDATION_REQUIRED", metadata),
            (JsonNode)new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.Help",
                ["links"] = new JsonArray { (JsonNode)new JsonObject { ["description"] = "Verify your account", ["url"] = url } },
            },
        };
        var message = longForm ? $"To continue, verify your account at\n\n{url}\n\nLearn more\n\n{LearnMoreUrl}\n" : VerifyMessage;
        return GoogleErrors.Build(403, "PERMISSION_DENIED", message, details);
    }

    /// <summary>loadCodeAssist's <c>ineligibleTiers</c> entry for an account needing verification (2026 §7.2, camelCase).</summary>
    public static JsonObject ValidationIneligibleTier(string email) => new()
    {
        ["reasonCode"] = "VALIDATION_REQUIRED",
        ["reasonMessage"] = VerifyMessage,
        ["tierId"] = Provisioning.FreeTier,
        ["tierName"] = Provisioning.FreeTierName,
        ["validationErrorMessage"] = VerifyMessage,
        ["validationUrl"] = ValidationUrl(email),
        ["validationUrlLinkText"] = "Verify your account",
        ["validationLearnMoreUrl"] = LearnMoreUrl,
        ["validationLearnMoreLinkText"] = "Learn more",
    };

    public static JsonReply ServiceDisabled(string project) => GoogleErrors.Build(403, "PERMISSION_DENIED",
        $"Cloud Code Private API has not been used in project {project} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/cloudcode-pa.googleapis.com/overview?project={project} then retry.",
        [(JsonNode)GoogleErrors.ErrorInfo("SERVICE_DISABLED", new JsonObject { ["consumer"] = $"projects/{project}", ["service"] = GoogleErrors.Domain })]);
}
