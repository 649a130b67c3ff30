namespace Switchyard.Emulator;

// The 2026 sections of EmulatorConfig (upstream-2026.md). Every default is the strict reading; the
// comments name the section of the addendum each rule comes from.

/// <summary>
/// §1-2: each account has a 5 h and a weekly window per family (<c>gemini</c>: Gemini text models;
/// <c>3p</c>: Claude and GPT-OSS). Free-tier accounts have weekly windows only.
/// </summary>
public sealed record QuotaWindowsConfig
{
    /// <summary>Length of the weekly window.</summary>
    public int WeeklyWindowSeconds { get; init; } = 7 * 24 * 3600;

    /// <summary>Length of the 5 h window.</summary>
    public int FiveHourWindowSeconds { get; init; } = 5 * 3600;

    /// <summary>
    /// A window's clock starts at the first request on a fresh bucket (§1.3). Off: weekly windows run back to back
    /// from the moment the account was added, used or not.
    /// </summary>
    public bool WeeklyClockStartsAtFirstUse { get; init; } = true;

    /// <summary>Fraction of a 5 h bucket each content call spends, unless the bucket has its own cost (control API).</summary>
    public double FiveHourCostPerRequest { get; init; }

    /// <summary>Fraction of a weekly bucket each content call spends, unless the bucket has its own cost.</summary>
    public double WeeklyCostPerRequest { get; init; }

    /// <summary>
    /// The 429 for an empty weekly bucket (§2.2): <c>individual</c> ("Individual quota reached. Contact your
    /// administrator to enable overages. Resets in …", QUOTA_EXHAUSTED), <c>capacity</c> ("You have exhausted your
    /// capacity on this model. Your quota will reset after …", QUOTA_EXHAUSTED), <c>rateLimit</c> (the capacity text
    /// with RATE_LIMIT_EXCEEDED) or <c>upgrade</c> ("… Please upgrade your subscription …", no delay in the text).
    /// </summary>
    public string WeeklyStyle { get; init; } = "individual";

    /// <summary>The 429 for an empty 5 h bucket; same choices as <see cref="WeeklyStyle"/>.</summary>
    public string FiveHourStyle { get; init; } = "capacity";

    /// <summary>
    /// What <c>fetchAvailableModels.quotaInfo</c> shows for a text model (§1.5): <c>5h</c>, the family's 5 h bucket
    /// (the captures: it reads 100 % while the weekly bucket is empty), or <c>tighter</c>, the emptier of the two.
    /// </summary>
    public string QuotaInfoWindow { get; init; } = "5h";

    /// <summary>A 429 on <c>streamGenerateContent</c> is sent with <c>Content-Type: text/event-stream</c> and a JSON body (§2.2).</summary>
    public bool Stream429AsEventStream { get; init; } = true;
}

/// <summary>§3: Google One AI credits, spent only past an empty free bucket and only when the request opts in.</summary>
public sealed record CreditsConfig
{
    /// <summary>Honour <c>enabledCreditTypes</c>. Off: the field is accepted and ignored.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>minimumCreditAmountForUsage</c>: below it a credit-backed call gets INSUFFICIENT_G1_CREDITS_BALANCE.</summary>
    public long MinimumForUsage { get; init; } = 50;

    /// <summary>Credits one content call served on credits spends.</summary>
    public long CostPerRequest { get; init; } = 25;
}

/// <summary>§4: the client version floor, read from the User-Agent.</summary>
public sealed record VersionFloorConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Floor of the Antigravity IDE / hub line (<c>antigravity/X</c>, <c>antigravity/hub/X</c>, <c>Antigravity/X</c>,
    /// <c>vscode/… (Antigravity/X)</c>). Empty: no floor. Default: 2.9.0, the newest floor the reference documents.
    /// </summary>
    public string MinimumVersion { get; init; } = "2.9.0";

    /// <summary>Floor of the <c>agy</c> CLI line (<c>antigravity/cli/X</c>). Default: the oldest version seen accepted in Aug-Sep 2026.</summary>
    public string MinimumCliVersion { get; init; } = "1.1.10";

    /// <summary>An antigravity-identity content call whose User-Agent carries no recognisable version gets the notice too.</summary>
    public bool RejectUnknownClient { get; init; } = true;

    /// <summary>The notice answered (HTTP 200) below the floor.</summary>
    public string Notice { get; init; } =
        "This version of Antigravity is no longer supported. Please upgrade to receive the latest features.";

    /// <summary>IDE / hub versions below this get 404 for <see cref="NewModels"/> (§4.1). Empty: no such rule.</summary>
    public string NewModelMinimumVersion { get; init; } = "2.9.0";

    /// <summary>Model id globs behind <see cref="NewModelMinimumVersion"/>.</summary>
    public IReadOnlyList<string> NewModels { get; init; } = ["gemini-3.7-flash-*", "gemini-3.8-flash-*"];
}

/// <summary>§6: the catalogue.</summary>
public sealed record CatalogueConfig
{
    /// <summary>Retired ids (listed in <c>deprecatedModelIds</c>) are answered 200 with "… is no longer available. Please switch to …".</summary>
    public bool RetiredNotice { get; init; } = true;

    /// <summary>Also serve (and list) the 2025 ids the 2026 catalogue no longer has (gemini-2.5-*, gemini-3-pro-*, …).</summary>
    public bool ServeLegacyModels { get; init; }
}

/// <summary>§8.2: hosts.</summary>
public sealed record HostsConfig
{
    /// <summary>prod answers quota RPCs with stale "100 % left" figures; only the daily hosts are live (§1.1).</summary>
    public bool ProdStaleQuota { get; init; } = true;

    /// <summary>Model id globs prod does not have yet (404 there, absent from its catalogue).</summary>
    public IReadOnlyList<string> ProdMissingModels { get; init; } = ["gemini-3.8-flash-*"];

    /// <summary>Host labels that answer every call 503 UNAVAILABLE (e.g. <c>autopush</c>).</summary>
    public IReadOnlyList<string> Unavailable { get; init; } = [];
}

/// <summary>§5, §7: answers about the account rather than the request.</summary>
public sealed record AccountChecksConfig
{
    /// <summary>
    /// The gemini-cli identity of a personal account (no Gemini Code Assist licence) gets UNSUPPORTED_CLIENT from
    /// loadCodeAssist and 403 from content calls.
    /// </summary>
    public bool GeminiCliRetired { get; init; } = true;

    /// <summary>VALIDATION_REQUIRED message form: <c>short</c> ("Verify your account to continue.") or <c>long</c> (with the URL).</summary>
    public string ValidationMessageForm { get; init; } = "short";

    /// <summary>An account needing verification gets loadCodeAssist 200 with an <c>ineligibleTiers</c> VALIDATION_REQUIRED entry (§7.2) instead of the 403.</summary>
    public bool VerificationInLoadCodeAssist { get; init; } = true;

    /// <summary>Terms-of-service ban text: <c>2026-03</c> ("This service has been disabled …") or <c>2026-02</c> ("Gemini has been disabled …").</summary>
    public string TosBanMessage { get; init; } = "2026-03";
}

/// <summary>
/// §8.3: prompts the upstream refuses with a bare 429, whatever the account. Off by default (no patterns): the references
/// report the refusal as frequent, not constant, and for the very clients Switchyard serves (Claude Code, the Agent SDK,
/// Codex), which a gateway may not disguise; an emulator refusing them always would model an upstream no honest gateway
/// can serve those clients on. Tests of request-scoped 429s turn it on with <see cref="ReferencePatterns"/>.
/// </summary>
public sealed record ContentBlocksConfig
{
    /// <summary>The identity strings the references saw refused (upstream-2026 §8.3).</summary>
    public static IReadOnlyList<string> ReferencePatterns { get; } =
    [
        "You are Codex, an agent based on GPT-5",
        "You are Hermes Agent",
        "You are Claude Code, Anthropic's official CLI for Claude",
        "built on Anthropic's Claude Agent SDK",
    ];

    /// <summary>Case-insensitive substrings; a request containing one gets the bare 429. Empty: no content block.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [];

    /// <summary>Where to look: <c>systemInstruction</c> or <c>anywhere</c> (the whole request).</summary>
    public string Scope { get; init; } = "systemInstruction";

    /// <summary>Wall-clock wait before the 429 (the real service often takes about 54 s).</summary>
    public int DelayMs { get; init; }
}

/// <summary>§8.1: values of the generate envelope fields.</summary>
public sealed record ClientEnvelopeConfig
{
    /// <summary>Accepted <c>requestType</c> values (antigravity identity); empty accepts any.</summary>
    public IReadOnlyList<string> RequestTypes { get; init; } = ["agent", "image_gen", "web_search"];

    /// <summary>Accepted envelope <c>userAgent</c> values; empty accepts any.</summary>
    public IReadOnlyList<string> UserAgents { get; init; } = ["antigravity", "jetski"];


}
