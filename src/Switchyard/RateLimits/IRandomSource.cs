namespace Switchyard.RateLimits;

/// <summary>Randomness for jitter, injected so tests can script it (Polly's <c>Randomizer</c>).</summary>
internal interface IRandomSource
{
    /// <summary>A value in [0, 1).</summary>
    double NextDouble();
}

/// <summary>The shared thread-safe <see cref="Random"/>.</summary>
internal sealed class SystemRandomSource : IRandomSource
{
    public static readonly SystemRandomSource Instance = new();

    public double NextDouble() => Random.Shared.NextDouble();
}
