using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Validation;

/// <summary>A rule's verdict: the short rule name for the journal and the reply to send.</summary>
internal sealed record ValidationRejection(string Rule, EmulatorReply Reply)
{
    /// <summary>A plain Google 400 INVALID_ARGUMENT.</summary>
    public static ValidationRejection Google(string rule, string message) => new(rule, Rejections.Google(message));

    /// <summary>A double-wrapped Claude 400 (spec §5.5).</summary>
    public static ValidationRejection Claude(string rule, string message) => new(rule, Rejections.Claude(message));

    public static ValidationRejection UnknownField(string name, string path) => Google("unknown-field", Rejections.UnknownField(name, path));
}
