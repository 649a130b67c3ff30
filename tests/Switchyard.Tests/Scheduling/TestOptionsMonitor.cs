using Microsoft.Extensions.Options;

namespace Switchyard.Tests.Scheduling;

/// <summary>An options monitor whose value a test can replace (runtime settings).</summary>
internal sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
