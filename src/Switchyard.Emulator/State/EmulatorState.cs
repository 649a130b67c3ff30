using System.Security.Cryptography;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.Generation;

namespace Switchyard.Emulator.State;

/// <summary>
/// Everything the emulator knows. One lock (<see cref="Gate"/>) guards accounts, tokens, codes and
/// the consent queue: the emulator favours being obviously right over being concurrent.
/// </summary>
internal sealed class EmulatorState
{
    private readonly IReadOnlyList<AccountSeed> _initialAccounts;
    private readonly EmulatorConfig _initialConfig;
    private EmulatorConfig _config;
    private long _accountOrder;

    public EmulatorState(EmulatorOptions options)
    {
        _initialAccounts = options.Accounts;
        _initialConfig = options.Config;
        _config = options.Config;
        Wall = options.TimeProvider ?? TimeProvider.System;
        Clock = new VirtualClock(Wall);
        Random = new Random(options.Config.RandomSeed);
        Faults = new FaultBook(options.Config.RandomSeed);
        Scripts = new ScriptBook();
        foreach (var seed in _initialAccounts)
        {
            AddOrReplace(seed);
        }
    }

    public Lock Gate { get; } = new();
    public VirtualClock Clock { get; }

    /// <summary>
    /// The real clock under <see cref="Clock"/>. Stream pacing and stalls wait on it
    /// (<c>Task.Delay(d, Wall, ct)</c>), so a test that passes a fake can hold a stream still and release it.
    /// </summary>
    public TimeProvider Wall { get; }
    public Journal Journal { get; } = new();

    public EmulatorConfig Config
    {
        get => Volatile.Read(ref _config);
        set => Volatile.Write(ref _config, value);
    }

    /// <summary>Seeded, so fault probabilities and capacity dice repeat run to run. Use under <see cref="Gate"/>.</summary>
    public Random Random { get; private set; }

    /// <summary>Signs and verifies thought signatures; the key is fixed per emulator instance.</summary>
    public Signatures Signatures { get; } = new(RandomNumberGenerator.GetBytes(32));

    public Dictionary<string, EmulatedAccount> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Prefixes seen per (account, model), for <c>cachedContentTokenCount</c>.</summary>
    internal Generation.PromptCache PromptCache { get; } = new();
    public Dictionary<string, AccessTokenRecord> AccessTokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RefreshTokenRecord> RefreshTokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AuthorizationCodeRecord> Codes { get; } = new(StringComparer.Ordinal);

    /// <summary>Queued outcomes for the next authorize calls: (email, approve).</summary>
    public Queue<(string Email, bool Approve)> ConsentQueue { get; } = new();

    public FaultBook Faults { get; }
    public ScriptBook Scripts { get; }

    /// <summary>Back to the state the emulator started in: initial accounts and config, nothing else.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            Accounts.Clear();
            AccessTokens.Clear();
            RefreshTokens.Clear();
            Codes.Clear();
            ConsentQueue.Clear();
            Faults.Clear();
            Scripts.Clear();
            PromptCache.Clear();
            Config = _initialConfig;
            Random = new Random(_initialConfig.RandomSeed);
            foreach (var seed in _initialAccounts)
            {
                AddOrReplace(seed);
            }
        }

        Journal.Clear();
    }

    public EmulatedAccount AddOrReplace(AccountSeed seed)
    {
        lock (Gate)
        {
            var account = EmulatedAccount.FromSeed(seed);
            account.CreatedAt = Clock.GetUtcNow();
            account.Order = Accounts.TryGetValue(seed.Email, out var existing) ? existing.Order : ++_accountOrder;
            Accounts[seed.Email] = account;
            return account;
        }
    }

    public bool Remove(string email)
    {
        lock (Gate)
        {
            if (!Accounts.Remove(email))
            {
                return false;
            }

            foreach (var token in AccessTokens.Values.Where(t => t.Email.Equals(email, StringComparison.OrdinalIgnoreCase)))
            {
                token.Revoked = true;
            }

            foreach (var token in RefreshTokens.Values.Where(t => t.Email.Equals(email, StringComparison.OrdinalIgnoreCase)))
            {
                token.Revoked = true;
            }

            return true;
        }
    }

    /// <summary>Issues an access token (and, when <paramref name="withRefresh"/>, a refresh token) for an account.</summary>
    public (AccessTokenRecord Access, RefreshTokenRecord? Refresh) MintTokens(
        string email, TimeSpan? ttl = null, bool withRefresh = true, string? clientId = null, string? scope = null)
    {
        lock (Gate)
        {
            var account = Accounts[email];
            var access = new AccessTokenRecord
            {
                Value = "ya29.emu-" + RandomToken(),
                Email = account.Email,
                ExpiresAt = Clock.GetUtcNow() + (ttl ?? TimeSpan.FromSeconds(Config.TokenTtlSeconds)),
                Scope = scope,
            };
            AccessTokens[access.Value] = access;
            RefreshTokenRecord? refresh = null;
            if (withRefresh)
            {
                var value = account.FixedRefreshToken is { } fixedToken && !RefreshTokens.ContainsKey(fixedToken)
                    ? fixedToken
                    : "1//0emu-" + RandomToken();
                refresh = new RefreshTokenRecord { Value = value, Email = account.Email, ClientId = clientId, Scope = scope };
                RefreshTokens[refresh.Value] = refresh;
            }

            return (access, refresh);
        }
    }

    /// <summary>The live access token's record, or null when it is unknown, revoked or expired.</summary>
    public AccessTokenRecord? FindLiveAccessToken(string token)
    {
        lock (Gate)
        {
            return AccessTokens.TryGetValue(token, out var record)
                && !record.Revoked
                && record.ExpiresAt > Clock.GetUtcNow()
                && Accounts.ContainsKey(record.Email)
                ? record
                : null;
        }
    }

    /// <summary>The accounts in insertion order. Call under <see cref="Gate"/>.</summary>
    public IEnumerable<EmulatedAccount> AccountsInOrder() => Accounts.Values.OrderBy(a => a.Order);

    public static string RandomToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
