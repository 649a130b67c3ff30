namespace Switchyard.Admin;

/// <summary>Who is asking and what protects the admin API.</summary>
internal sealed record SessionView(bool Authenticated, bool PasswordSet, bool KeySet, bool Open);

/// <summary>One account in the pool. Status: <c>ok</c>, <c>cooling</c> or <c>disabled</c>, with the reason.</summary>
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
    DateTimeOffset AddedAt);

/// <summary>The remaining quota of one model group; protected when below its protection threshold.</summary>
internal sealed record QuotaView(string Group, double RemainingFraction, DateTimeOffset? ResetTime, DateTimeOffset UpdatedAt, bool Protected);

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
    IReadOnlyList<string> Strategies,
    IReadOnlyList<string> Modes);

/// <summary>A count of things (bindings now, or removed).</summary>
internal sealed record CountView(int Count);

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
internal sealed record SchedulingPatch(string? Strategy, string? Mode, int? MaxWaitSeconds, int? MaxAttempts, string? FixedAccount);
