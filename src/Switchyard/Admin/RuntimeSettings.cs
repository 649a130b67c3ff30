using Switchyard.Foundation;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Quota;
using Switchyard.Scheduling;

namespace Switchyard.Admin;

/// <summary>One setting that can change while the gateway runs.</summary>
internal sealed record RuntimeSettingInfo(string Key, string Description);

/// <summary>The outcome of a change: the new version, or the errors by key, or a version conflict.</summary>
internal sealed record RuntimeChangeResult(long Version, IReadOnlyDictionary<string, string[]> Errors, bool Conflict)
{
    public bool Succeeded => Errors.Count == 0 && !Conflict;
}

/// <summary>
/// Reads and changes the runtime settings. A change is checked before it is applied: the candidate overrides are
/// layered over the other configuration sources, the options are bound from that candidate and run through the same
/// <see cref="IValidateOptions{TOptions}"/> validators as at start-up (plus: a fixed account must exist). Only then
/// are they persisted and applied (<see cref="RuntimeSettingsProvider.Apply"/>), so a rejected change leaves the state
/// as it was. Changes are serialised; a stale expected version is a conflict.
/// </summary>
internal sealed class RuntimeSettings(IConfiguration configuration, IServiceProvider services, AccountStore accounts) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static IReadOnlyList<RuntimeSettingInfo> Known { get; } =
    [
        new("Scheduling:Strategy", "sticky, round-robin, hybrid or reset-aware (clear Mode when setting it)"),
        new("Scheduling:Mode", "CacheFirst, Balance or PerformanceFirst (clear Strategy when setting it)"),
        new("Scheduling:FixedAccount", "An account id or email used for every request while it is usable"),
        new("Scheduling:MaxWaitSeconds", "Longest wait for a limited account before answering 429 (0: never wait)"),
        new("Scheduling:MaxAttempts", "Upstream sends per client request"),
        new("Scheduling:ReuseWindowSeconds", "A request within this many seconds of the last pick reuses that account (empty: 60 under CacheFirst and Balance, else off; 0: off)"),
        new("Scheduling:SpreadNewSessions", "true: new sessions spread over the highest tier with room by a per-session offset"),
        .. QuotaGroups.ThresholdKeys.Select(g => new RuntimeSettingInfo($"Quota:ProtectionThresholds:{g}",
            QuotaKeys.All.Contains(g) ? $"Remaining fraction of the '{g}' window below which an account is not used for its models"
                : $"Remaining fraction below which an account is not used for '{g}' models (both windows of the family)")),
    ];

    public RuntimeSettingsProvider Provider { get; } =
        ((IConfigurationRoot)configuration).Providers.OfType<RuntimeSettingsProvider>().SingleOrDefault()
        ?? throw new InvalidOperationException("The runtime settings provider is not in the configuration chain.");

    public long Version => Provider.Version;

    public void Dispose() => _gate.Dispose();

    /// <summary>The effective value of every known setting, and whether a runtime override sets it.</summary>
    public IReadOnlyList<(RuntimeSettingInfo Info, string? Value, bool Overridden)> Effective()
    {
        var overrides = Provider.Overrides;
        return [.. Known.Select(k => (k, configuration[k.Key], overrides.ContainsKey(k.Key)))];
    }

    public static bool IsKnown(string key) => Known.Any(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks and applies <paramref name="changes"/> (null values clear a setting); <paramref name="expectedVersion"/> null skips the check.</summary>
    public async Task<RuntimeChangeResult> ChangeAsync(IReadOnlyDictionary<string, string?> changes, long? expectedVersion, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (expectedVersion is { } expected && expected != Provider.Version)
            {
                return new RuntimeChangeResult(Provider.Version, new Dictionary<string, string[]>(), Conflict: true);
            }

            var errors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            var candidate = new Dictionary<string, string?>(Provider.Overrides, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in changes)
            {
                var known = Known.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    Add(errors, key, $"'{key}' cannot be changed at run time. Runtime settings: {string.Join(", ", Known.Select(k => k.Key))}.");
                    continue;
                }

                candidate[known.Key] = value;
            }

            if (errors.Count == 0)
            {
                await ValidateAsync(candidate, errors, cancellationToken);
            }

            if (errors.Count > 0)
            {
                return new RuntimeChangeResult(Provider.Version, errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase), Conflict: false);
            }

            var version = Provider.Apply(candidate);
            return new RuntimeChangeResult(version, new Dictionary<string, string[]>(), Conflict: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ValidateAsync(Dictionary<string, string?> candidate, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        var providers = ((IConfigurationRoot)configuration).Providers
            .Where(p => p is not RuntimeSettingsProvider)
            .Select(p => (IConfigurationProvider)new BorrowedProvider(p))
            .Append(new MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = candidate }))
            .ToList();
        using var root = new ConfigurationRoot(providers);
        var scheduling = Check<SchedulingOptions>(root, SchedulingOptions.Section, errors);
        Check<QuotaOptions>(root, QuotaOptions.Section, errors);

        if (scheduling?.FixedAccount is { Length: > 0 } fixedAccount && !string.IsNullOrWhiteSpace(fixedAccount)
            && await accounts.FindAsync(fixedAccount.Trim(), cancellationToken) is null)
        {
            Add(errors, "Scheduling:FixedAccount", $"No account has the id or email '{fixedAccount}'.");
        }
    }

    private T? Check<T>(IConfiguration root, string section, Dictionary<string, List<string>> errors)
        where T : class, IGatewayOptions<T>, new()
    {
        var options = new T();
        try
        {
            T.Bind(root.GetSection(section), options);
        }
        catch (InvalidOperationException ex)
        {
            Add(errors, section, ex.InnerException?.Message is { } inner ? $"{ex.Message} {inner}" : ex.Message);
            return null;
        }

        foreach (var validator in services.GetServices<IValidateOptions<T>>())
        {
            var result = validator.Validate(Options.DefaultName, options);
            if (result.Failed)
            {
                foreach (var failure in result.Failures ?? [])
                {
                    Add(errors, KeyOf(failure, section), failure);
                }
            }
        }

        return options;
    }

    /// <summary>The configuration key a validator message names (validators write "Section:Key: message" or name the member).</summary>
    private static string KeyOf(string failure, string section)
    {
        var inSection = Known.Where(k => k.Key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)).OrderByDescending(k => k.Key.Length).ToList();
        var known = inSection.FirstOrDefault(k => failure.Contains(k.Key, StringComparison.OrdinalIgnoreCase))
            ?? inSection.FirstOrDefault(k => failure.Contains($"'{k.Key[(section.Length + 1)..]}'", StringComparison.Ordinal))
            ?? inSection.FirstOrDefault(k => failure.Contains(k.Key[(section.Length + 1)..], StringComparison.Ordinal));
        return known?.Key ?? section;
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Reads through to a provider of the live configuration without loading it again.</summary>
    private sealed class BorrowedProvider(IConfigurationProvider inner) : IConfigurationProvider
    {
        public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) => inner.GetChildKeys(earlierKeys, parentPath);

        public Microsoft.Extensions.Primitives.IChangeToken GetReloadToken() => new Microsoft.Extensions.Primitives.CancellationChangeToken(CancellationToken.None);

        public void Load()
        {
        }

        public void Set(string key, string? value)
        {
        }

        public bool TryGet(string key, out string? value) => inner.TryGet(key, out value);
    }
}
