using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>Step 2-3 of spec §8.2: disabled accounts, verification required, service disabled.</summary>
internal static class AccountFlags
{
    public static EmulatorReply? Check(CloudCodeCall call)
    {
        var account = call.Account;
        if (account is null)
        {
            return null;
        }

        bool disabled, verification, serviceDisabled;
        string project;
        lock (call.State.Gate)
        {
            disabled = account.Disabled;
            verification = account.VerificationRequired;
            serviceDisabled = account.ServiceDisabled;
            project = account.ProjectId;
        }

        if (disabled)
        {
            call.Entry.Outcome = "account-disabled";
            return GoogleErrors.PermissionDenied("The caller does not have permission");
        }

        if (verification)
        {
            call.Entry.Outcome = "validation-required";
            return ValidationRequired();
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

    public static JsonReply ValidationRequired()
    {
        const string url = "https://accounts.google.com/signin/continue?sarp=1&scc=1&continue=https%3A%2F%2Fcloudcode-pa.googleapis.com&plt=emulator-plt-token&flowName=GlifWebSignIn";
        var details = new JsonArray
        {
            (JsonNode)GoogleErrors.ErrorInfo("VALIDATION_REQUIRED", new JsonObject
            {
                ["validation_error_message"] = "Verify your account to continue.",
                ["validation_url"] = url,
                ["validation_url_link_text"] = "Verify your account",
                ["validation_learn_more_link_text"] = "Learn more",
                ["validation_learn_more_url"] = "https://support.google.com/accounts/answer/114129",
            }),
            (JsonNode)new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.Help",
                ["links"] = new JsonArray { (JsonNode)new JsonObject { ["description"] = "Verify your account", ["url"] = url } },
            },
        };
        return GoogleErrors.Build(403, "PERMISSION_DENIED", "Verify your account to continue.", details);
    }

    public static JsonReply ServiceDisabled(string project) => GoogleErrors.Build(403, "PERMISSION_DENIED",
        $"Cloud Code Private API has not been used in project {project} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/cloudcode-pa.googleapis.com/overview?project={project} then retry.",
        [(JsonNode)GoogleErrors.ErrorInfo("SERVICE_DISABLED", new JsonObject { ["consumer"] = $"projects/{project}", ["service"] = GoogleErrors.Domain })]);
}
