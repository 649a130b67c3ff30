using Switchyard.RateLimits;

namespace Switchyard.Tests.RateLimits;

/// <summary>Returns the given values in turn, repeating the last one.</summary>
internal sealed class ScriptedRandom(params double[] values) : IRandomSource
{
    private int _next;

    public double NextDouble() => values.Length == 0 ? 0.5 : values[Math.Min(_next++, values.Length - 1)];
}
