using Switchyard.Admin;

namespace Switchyard.Tests.Admin;

public sealed class LatencyPercentilesTests
{
    private static readonly DateTimeOffset From = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_SamplesInTwoBuckets_GivesNearestRankPercentilesPerBucketInTimeOrder()
    {
        var samples = new List<(DateTimeOffset, double)>();
        for (var i = 1; i <= 100; i++)
        {
            samples.Add((From.AddMinutes(61), i));
        }

        samples.Add((From.AddMinutes(5), 40));
        samples.Add((From.AddMinutes(6), 10));

        var points = LatencyPercentiles.Compute(samples, From, TimeSpan.FromHours(1));

        Assert.Equal(2, points.Count);
        Assert.Equal(From, points[0].Time);
        Assert.Equal(2, points[0].Requests);
        Assert.Equal(10, points[0].P50);
        Assert.Equal(40, points[0].P99);
        Assert.Equal(From.AddHours(1), points[1].Time);
        Assert.Equal(100, points[1].Requests);
        Assert.Equal(50, points[1].P50);
        Assert.Equal(90, points[1].P90);
        Assert.Equal(99, points[1].P99);
    }

    [Fact]
    public void Compute_NoSamples_IsEmpty()
    {
        Assert.Empty(LatencyPercentiles.Compute([], From, TimeSpan.FromMinutes(5)));
    }
}
