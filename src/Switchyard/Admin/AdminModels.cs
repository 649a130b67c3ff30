namespace Switchyard.Admin;

/// <summary>Who is asking and what protects the admin API; <see cref="CsrfToken"/> (signed in only) goes in the X-CSRF-Token header of every change.</summary>
internal sealed record SessionView(bool Authenticated, bool PasswordSet, bool KeySet, bool Open, string? CsrfToken = null);

/// <summary>
/// One account in the pool. Status: <c>ok</c>, <c>cooling</c>, <c>verify</c> (VALIDATION_REQUIRED: open
/// <see cref="VerificationUrl"/>) or <c>disabled</c>, with the reason. <see cref="Quota"/> holds both windows of each
/// family (<c>gemini-5h</c>, <c>gemini-weekly</c>, <c>3p-5h</c>, <c>3p-weekly</c>) and the image bucket.
/// </summary>
internal sealed record AccountView(
    string Id,
    string Email,
    string Tier,
    bool Enabled,
    string Status,
    string? Reason,
    string? ProjectId,
    bool Fixed,
    IReadOnlyList<QuotaView> Quota,
    IReadOnlyList<CooldownView> Cooldowns,
    DateTimeOffset AddedAt,
    string? VerificationUrl,
    CreditsView Credits,
    PoolsView Pools,
    int ModelCount,
    DateTimeOffset? QuotaReadAt,
    IReadOnlyList<string> Problems);

/// <summary>
/// One quota window (or the image bucket) of an account: the fraction left and its reset, as last read; stale when kept
/// from an earlier reading or read from a host whose figures lag; disabled for a 5 h window while the weekly one is empty;
/// <see cref="HeldUntil"/> while the gateway holds it empty (the summary said 0, or a 429 came since); protected when
/// below its protection threshold.
/// </summary>
internal sealed record QuotaView(
    string Group,
    double RemainingFraction,
    DateTimeOffset? ResetTime,
    DateTimeOffset UpdatedAt,
    bool Protected,
    string? Family = null,
    string? Window = null,
    bool Stale = false,
    bool Disabled = false,
    DateTimeOffset? HeldUntil = null);

/// <summary>An account's Google One AI credits: the mode in force, the balance last read, and whether they can serve now.</summary>
internal sealed record CreditsView(string Mode, long? Balance, long? Minimum, bool Usable, bool Exhausted);

/// <summary>The quota pools an account has: antigravity always; gemini-cli <c>available</c>, <c>unsupported</c> (with the reason) or <c>unknown</c>.</summary>
internal sealed record PoolsView(string GeminiCli, string? GeminiCliReason);

/// <summary>What the dashboard shows as banners: the upstream refusing the client version (null while accepted).</summary>
internal sealed record StatusView(VersionFloorView? VersionFloor);

/// <summary>The version-floor notice: the setting to change, its value now, the upstream's words and the advice.</summary>
internal sealed record VersionFloorView(string Setting, string UserAgent, string Notice, string Host, DateTimeOffset Since, string Advice);

/// <summary>An account's quota per model group.</summary>
internal sealed record AccountQuotaView(string AccountId, string Email, IReadOnlyList<QuotaView> Groups);

/// <summary>A quota reading requested by hand: the groups now, or why the reading failed.</summary>
internal sealed record QuotaRefreshView(string AccountId, string? Error, IReadOnlyList<QuotaView> Groups);

/// <summary>A cooldown in force: group and pool are empty for an account-wide one.</summary>
internal sealed record CooldownView(string AccountId, string? AccountEmail, string Group, string Pool, string Kind, DateTimeOffset Until, int ConsecutiveFailures);

/// <summary>The scheduling settings and what they resolve to.</summary>
internal sealed record SchedulingView(
    string? Strategy,
    string? Mode,
    string EffectiveStrategy,
    bool BindSessions,
    bool WaitOnBoundAccount,
    int MaxWaitSeconds,
    int MaxAttempts,
    string? FixedAccount,
    string? FixedAccountId,
    string? FixedAccountEmail,
    int Bindings,
    long Version,
    int ReuseWindowSeconds,
    bool SpreadNewSessions,
    IReadOnlyList<string> Strategies,
    IReadOnlyList<string> Modes);

/// <summary>A count of things (bindings now, or removed).</summary>
internal sealed record CountView(int Count);

/// <summary><c>GET /admin/api/cache</c>: prompt-cache use per account and per recent session.</summary>
internal sealed record CacheView(IReadOnlyList<Switchyard.RequestLog.CacheUse> Accounts, IReadOnlyList<Switchyard.RequestLog.CacheUse> Sessions);

/// <summary>The runtime settings and their version (also the ETag).</summary>
internal sealed record SettingsView(long Version, IReadOnlyList<SettingView> Settings);

/// <summary>One runtime setting: its effective value and whether a runtime override sets it.</summary>
internal sealed record SettingView(string Key, string? Value, bool Overridden, string Description);

/// <summary>An add-account sign-in started: open <see cref="AuthorizeUrl"/> in the browser.</summary>
internal sealed record SignInView(string AuthorizeUrl, string State, DateTimeOffset ExpiresAt);

/// <summary>A plain error answer.</summary>
internal sealed record ErrorView(string Error);

/// <summary>Body of <c>POST /admin/api/login</c>.</summary>
internal sealed record LoginBody(string Password);

/// <summary>Body of <c>POST /admin/api/accounts/{id}/disable</c>.</summary>
internal sealed record DisableBody(string? Reason);

/// <summary>Body of <c>PATCH /admin/api/scheduling</c>: each field present is changed; null clears it.</summary>
internal sealed record SchedulingPatch(string? Strategy, string? Mode, int? MaxWaitSeconds, int? MaxAttempts, string? FixedAccount, int? ReuseWindowSeconds);

/// <summary>Body of <c>POST /admin/api/accounts/export</c>.</summary>
internal sealed record ExportBody(string Passphrase);

/// <summary>Body of <c>POST /admin/api/accounts/import</c>: the file's text, and the passphrase of an encrypted export.</summary>
internal sealed record ImportBody(string Text, string? Passphrase);

/// <summary>What an import stored: the file's format, accounts added and updated, and their emails.</summary>
internal sealed record ImportView(string Format, int Added, int Updated, IReadOnlyList<string> Emails);
