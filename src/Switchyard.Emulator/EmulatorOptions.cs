using Switchyard.Emulator.State;

namespace Switchyard.Emulator;

/// <summary>How an emulator starts.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The built-in OAuth client the emulator accepts when no client is configured.</summary>
    public const string DefaultClientId = "switchyard-emulator-client.apps.local";

    /// <summary>Secret of <see cref="DefaultClientId"/>; issued by the emulator, not by Google.</summary>
    public const string DefaultClientSecret = "emulator-local-secret";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Address to bind; loopback unless told otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public IReadOnlyList<AccountSeed> Accounts { get; init; } = [];

    public EmulatorConfig Config { get; init; } = new();

    /// <summary>Wall clock under the virtual clock; tests may pass a fake.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Log requests to the console (the executable turns this on).</summary>
    public bool ConsoleLogging { get; init; }
}
