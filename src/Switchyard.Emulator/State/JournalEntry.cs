namespace Switchyard.Emulator.State;

/// <summary>One request the emulator received, with secrets redacted.</summary>
public sealed record JournalEntry
{
    public long Seq { get; init; }
    public DateTimeOffset Time { get; init; }

    /// <summary>Host label: daily-sandbox, daily, autopush, prod, oauth, control.</summary>
    public string Label { get; init; } = "";

    /// <summary>The RPC or OAuth call: generateContent, streamGenerateContent, token, authorize, userinfo…</summary>
    public string Rpc { get; init; } = "";
    public string Method { get; init; } = "";
    public string Path { get; init; } = "";
    public string Query { get; init; } = "";
    public Dictionary<string, string> Headers { get; init; } = [];
    public string? Body { get; init; }
    public string? Pool { get; set; }
    public string? Email { get; set; }
    public string? Model { get; set; }
    public string? GrantType { get; set; }
    public int Status { get; set; }
    public long BytesSent { get; set; }
    public string? FaultId { get; set; }

    /// <summary>A short reason when the emulator rejected the call (validation rule, auth, quota…).</summary>
    public string? Outcome { get; set; }
}
