using System.Text.Json.Nodes;
using Switchyard.Emulator.Faults;

namespace Switchyard.Emulator.Generation;

/// <summary>What the model will say, before it is shaped into parts for a model family.</summary>
internal sealed record ReplyPlan
{
    /// <summary>Thinking text; null means "the default for the model", empty means none.</summary>
    public string? Thinking { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<PlannedCall> Calls { get; init; } = [];
    public bool Image { get; init; }
    public string? FinishReason { get; init; }

    /// <summary>usageMetadata keys that replace the estimate.</summary>
    public JsonObject? Usage { get; init; }

    /// <summary>Candidates with no parts at all.</summary>
    public bool Empty { get; init; }

    /// <summary>Cut the text short and finish with MAX_TOKENS.</summary>
    public bool MaxTokens { get; init; }

    /// <summary>A shaping fault carried by the reply source (a script entry or a fault directive).</summary>
    public FaultAction? Fault { get; init; }
}

/// <summary>A function call the model makes; <see cref="ArgsJson"/> is parsed fresh for each part.</summary>
internal sealed record PlannedCall(string Name, string ArgsJson);
