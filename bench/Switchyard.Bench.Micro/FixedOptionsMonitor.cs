using Microsoft.Extensions.Options;

namespace Switchyard.Bench.Micro;

/// <summary>An options monitor that never changes.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
