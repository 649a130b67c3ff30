using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Control;

/// <summary>
/// The validation toggles where the references leave the upstream open (issue 15). Each is true for the
/// stricter reading (the default) and false for the lenient one; a gateway test runs under both.
/// </summary>
public sealed partial class EmulatorControlClient
{
    /// <summary>The <c>validate</c> keys of the open readings, as <c>PATCH /config</c> spells them.</summary>
    public static readonly IReadOnlyList<string> OpenReadings =
    [
        "functionNames", "schemaEnumStrings", "schemaEnumStringType", "schemaTitle", "thinkingByModelId",
        "thinkingOnEveryToolTurn", "oneThoughtPartPerBlock", "toolResultsFirst", "rejectClaudeThinkingSentinel",
        "rejectAssistantPrefill", "gemini25Signatures",
    ];

    /// <summary>Sets one <c>validate</c> toggle, e.g. <c>("thinkingOnEveryToolTurn", false)</c>.</summary>
    public Task<EmulatorConfig> SetValidateAsync(string toggle, bool on, CancellationToken cancellationToken = default) =>
        PatchConfigAsync(new JsonObject { ["validate"] = new JsonObject { [toggle] = on } }, cancellationToken);

    /// <summary>
    /// Every open reading at once: strict (the default) or lenient, and strict unknown fields with them. The
    /// sentinel on Gemini calls (<c>acceptSentinel</c>) is not an open reading and stays as it is.
    /// </summary>
    public Task<EmulatorConfig> SetReadingsAsync(bool strict, CancellationToken cancellationToken = default)
    {
        var validate = new JsonObject();
        foreach (var toggle in OpenReadings)
        {
            validate[toggle] = strict;
        }

        return PatchConfigAsync(new JsonObject { ["strictUnknownFields"] = strict, ["validate"] = validate }, cancellationToken);
    }
}
