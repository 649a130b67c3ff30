using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// 2026 §4: a content call from an Antigravity client below its line's floor is answered HTTP 200 with the
/// "no longer supported" notice where the model's answer should be; below the new-model floor, the newest Flash
/// models answer 404. Only the antigravity identity is checked (the gemini-cli identity is another product).
/// </summary>
internal static class VersionFloor
{
    /// <summary>The notice, or null when the client's version is accepted.</summary>
    public static EmulatorReply? Check(CloudCodeCall call)
    {
        var floor = call.Config.VersionFloor;
        if (!floor.Enabled || call.Pool != QuotaPools.Antigravity)
        {
            return null;
        }

        var client = ClientVersion.Parse(call.Http.Request.Headers.UserAgent.ToString());
        var below = client is null
            ? floor.RejectUnknownClient
            : ClientVersion.Floor(client.Line == ClientVersion.CliLine ? floor.MinimumCliVersion : floor.MinimumVersion) is { } minimum
                && client.Version < minimum;
        if (!below)
        {
            return null;
        }

        call.Entry.Outcome = "version-notice";
        return Notices.Completion(call, floor.Notice);
    }

    /// <summary>Whether <paramref name="model"/> is one of the new models an IDE / hub client below the model floor cannot use.</summary>
    public static bool BlocksNewModel(CloudCodeCall call, ModelInfo model)
    {
        var floor = call.Config.VersionFloor;
        if (!floor.Enabled || call.Pool != QuotaPools.Antigravity
            || ClientVersion.Floor(floor.NewModelMinimumVersion) is not { } minimum
            || !floor.NewModels.Any(pattern => Glob.IsMatch(pattern, model.Id)))
        {
            return false;
        }

        var client = ClientVersion.Parse(call.Http.Request.Headers.UserAgent.ToString());
        return client is null || (client.Line == ClientVersion.IdeLine && client.Version < minimum);
    }
}
