namespace Switchyard.Emulator;

/// <summary>
/// Run-time behaviour of the emulator, changed with <c>PATCH /__emulator/config</c> (a JSON merge:
/// only the keys sent change). Immutable: a change swaps the whole object.
/// </summary>
public sealed record EmulatorConfig
{
    /// <summary>
    /// Reject unknown request fields with Google's "Unknown name" 400, as the proto-JSON parser does.
    /// On by default since issue 15 (the stricter reading; the base reference had it off).
    /// </summary>
    public bool StrictUnknownFields { get; init; } = true;

    public ValidationConfig Validate { get; init; } = new();

    /// <summary>
    /// Accept the <c>skip_thought_signature_validator</c> sentinel in place of a signature (Gemini calls; on
    /// Claude thinking blocks only when <see cref="ValidationConfig.RejectClaudeThinkingSentinel"/> is off).
    /// </summary>
    public bool AcceptSentinel { get; init; } = true;

    /// <summary>Model ids that reject <c>thinkingLevel</c> (some 3.1 ids do).</summary>
    public IReadOnlyList<string> RejectThinkingLevelFor { get; init; } = [];

    public int TokenTtlSeconds { get; init; } = 3599;

    /// <summary>Issue a new refresh token on every refresh grant.</summary>
    public bool RotateRefreshTokens { get; init; }

    /// <summary>Accepted OAuth clients. Empty: the emulator's own built-in test client is accepted.</summary>
    public IReadOnlyList<OAuthClientConfig> OauthClients { get; init; } = [];

    /// <summary>Redirect URI globs accepted by authorize. Default: loopback hosts on any port.</summary>
    public IReadOnlyList<string> RedirectAllowlist { get; init; } =
        ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"];

    /// <summary>Authorize approves at once (302 to the redirect) instead of showing a consent page.</summary>
    public bool AutoConsent { get; init; } = true;

    public SseConfig Sse { get; init; } = new();

    /// <summary>finishReason of a Claude turn that ends in function calls.</summary>
    public string ClaudeToolFinishReason { get; init; } = "OTHER";

    /// <summary><c>anthropic</c> ("prompt is too long") or <c>capitalized</c> ("Prompt is too long").</summary>
    public string PromptTooLongStyle { get; init; } = "anthropic";

    /// <summary>Retired model ids are served as their successor instead of the 200 "no longer available" notice.</summary>
    public bool DeprecatedRedirect { get; init; }

    /// <summary>How long an exhausted bucket stays empty.</summary>
    public int QuotaResetWindowSeconds { get; init; } = 5 * 3600;

    /// <summary>Probability (0-1) that a content call gets MODEL_CAPACITY_EXHAUSTED.</summary>
    public double CapacityBusyProbability { get; init; }

    /// <summary>SERVICE_DISABLED only when <c>x-goog-user-project</c> is sent (true) or always (false).</summary>
    public bool ServiceDisabledOnlyWithUserProject { get; init; } = true;

    /// <summary>A request naming a project that is not the token's account's gets 403.</summary>
    public bool StrictProject { get; init; }

    /// <summary>Search grounding rules (googleSearch models, the web_search request type).</summary>
    public Generation.SearchConfig Search { get; init; } = new();

    /// <summary>Image model rules (image_gen request type, no tools or thinking, imageConfig values).</summary>
    public Generation.ImageGenConfig Images { get; init; } = new();

    /// <summary>Implicit prompt caching: <c>cachedContentTokenCount</c> for a repeated prefix.</summary>
    public Generation.PromptCacheConfig PromptCache { get; init; } = new();

    /// <summary>Seed for every random choice (fault probabilities, capacity, ids), so runs repeat.</summary>
    public int RandomSeed { get; init; } = 1;

    // ---- Today's upstream (upstream-2026.md, issue 14). Each section is strict by default; the types
    // ---- live in Upstream2026Config.cs. Keep new 2026 toggles inside this block.

    /// <summary>The 5 h and weekly windows per model family (§1, §2).</summary>
    public QuotaWindowsConfig Quota { get; init; } = new();

    /// <summary>Google One AI credits (§3).</summary>
    public CreditsConfig Credits { get; init; } = new();

    /// <summary>The minimum client version read from the User-Agent (§4).</summary>
    public VersionFloorConfig VersionFloor { get; init; } = new();

    /// <summary>The 2026 model catalogue: retired ids, legacy ids (§6).</summary>
    public CatalogueConfig Catalogue { get; init; } = new();

    /// <summary>How hosts differ: prod lagging daily, hosts that are down (§8.2).</summary>
    public HostsConfig Hosts { get; init; } = new();

    /// <summary>Account-level answers: gemini-cli retirement, verification, terms-of-service bans (§5, §7).</summary>
    public AccountChecksConfig AccountChecks { get; init; } = new();

    /// <summary>Request-scoped bare 429s caused by prompt content (§8.3).</summary>
    public ContentBlocksConfig ContentBlocks { get; init; } = new();

    /// <summary>The values the 2026 envelope fields may take (§8.1).</summary>
    public ClientEnvelopeConfig Envelope2026 { get; init; } = new();

    // ---- End of the 2026 block.
}

public sealed record ValidationConfig
{
    /// <summary>Bearer token present, known and unexpired.</summary>
    public bool Auth { get; init; } = true;

    /// <summary>Envelope fields: project, model, request, requestType and userAgent shapes, and an object systemInstruction.</summary>
    public bool Envelope { get; init; } = true;

    /// <summary>Unknown, deprecated or denied model ids get 404.</summary>
    public bool Models { get; init; } = true;

    /// <summary>Structure: non-empty contents, roles, parts, function names (also <see cref="FunctionNames"/>), no search+functions, function-calling mode.</summary>
    public bool Structure { get; init; } = true;

    /// <summary>Only the accepted JSON-schema subset in function declarations.</summary>
    public bool Schema { get; init; } = true;

    /// <summary>
    /// <c>strict</c>, <c>lenient</c> (presence only) or <c>off</c>. Off also skips the Claude thinking-block
    /// shape checks (extra fields, missing thinking text). Gemini 3 call signatures are switched by
    /// <see cref="Gemini3Signatures"/>; outside <c>strict</c> they are checked for presence only.
    /// </summary>
    public string Signatures { get; init; } = "strict";

    public bool ThinkingOrder { get; init; } = true;
    public bool ToolPairing { get; init; } = true;
    public bool Gemini3Signatures { get; init; } = true;
    public bool PromptLength { get; init; } = true;

    /// <summary>maxOutputTokens within 1..the model's output limit (<c>Validation/OutputLimits</c>); also the Claude budget rules.</summary>
    public bool MaxTokens { get; init; } = true;

    // ── Issue 15: the strictest plausible upstream ──────────────────────────────────────────────────
    // Each toggle is a rule where the references leave the upstream's behaviour open; true (the default)
    // is the stricter reading, false the lenient one. The gateway must be accepted under both settings.
    // Texts: Validation/Rejections. EmulatorControlClient.SetReadingsAsync(strict) flips them all at once;
    // EmulatorControlClient.OpenReadings names them.

    /// <summary>Function declaration names must match <c>^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$</c>.</summary>
    public bool FunctionNames { get; init; } = true;

    /// <summary>Schema <c>enum</c> values must be JSON strings (proto <c>repeated string</c>): "Invalid value at '…enum[k]' (TYPE_STRING), 1".</summary>
    public bool SchemaEnumStrings { get; init; } = true;

    /// <summary>A schema with <c>enum</c> must have <c>type</c> STRING: "….enum: only allowed for STRING type".</summary>
    public bool SchemaEnumStringType { get; init; } = true;

    /// <summary>Schema <c>title</c> is an unknown field (the lenient reading accepts it, as newer Gemini protos do).</summary>
    public bool SchemaTitle { get; init; } = true;

    /// <summary>
    /// Thinking rules follow the model id whatever <c>thinkingConfig</c> says: a <c>-thinking</c> Claude id is a
    /// thinking request, and Gemini function-call signatures are required on the id alone. Off: only a
    /// thinkingConfig that asks for thoughts, a budget or a level turns the rules on.
    /// </summary>
    public bool ThinkingByModelId { get; init; } = true;

    /// <summary>
    /// Claude thinking requests: every model turn with a functionCall, anywhere in the history, starts with a
    /// thinking block. Off: only the final model turn of the current tool loop must (the thinkingOrder rule).
    /// </summary>
    public bool ThinkingOnEveryToolTurn { get; init; } = true;

    /// <summary>
    /// Claude: each <c>thought</c> part is one thinking block and carries the signature of its own text.
    /// Off: a run of thought parts ending at the signed one (or at RS's trailing signature) is one block,
    /// and the signature covers the run's texts joined.
    /// </summary>
    public bool OneThoughtPartPerBlock { get; init; } = true;

    /// <summary>Claude: a user turn answering tool calls has its functionResponse parts first (no text before them).</summary>
    public bool ToolResultsFirst { get; init; } = true;

    /// <summary>
    /// Claude: the <c>skip_thought_signature_validator</c> sentinel is no signature for a thinking block (it is
    /// Google's bypass for Gemini calls; Anthropic checks thinking signatures itself). Off: the sentinel
    /// passes wherever <see cref="EmulatorConfig.AcceptSentinel"/> allows it.
    /// </summary>
    public bool RejectClaudeThinkingSentinel { get; init; } = true;

    /// <summary>
    /// Claude: a request whose last content is a model turn (an assistant prefill) is refused, as the 2026
    /// addendum reports for claude-sonnet-4-6 (§8.5); the strict reading applies it to every Claude id.
    /// </summary>
    public bool RejectAssistantPrefill { get; init; } = true;

    /// <summary>Gemini 2.5 thinking models need a signature on the first functionCall of each current-loop model turn, as Gemini 3 does.</summary>
    public bool Gemini25Signatures { get; init; } = true;
}

public sealed record SseConfig
{
    /// <summary><c>lf</c> or <c>crlf</c>.</summary>
    public string LineEnding { get; init; } = "lf";
    public int TextChunkChars { get; init; } = 24;
    public int FirstByteDelayMs { get; init; }
    public int InterChunkDelayMs { get; init; }
}

public sealed record OAuthClientConfig
{
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
}
