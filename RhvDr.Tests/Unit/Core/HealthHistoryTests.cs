using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class HealthHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToList_SixHoursAtFiveSeconds_DownsamplesToMaxPointsKeepingOutageAndNewest()
    {
        var history = new HealthHistory(TimeSpan.FromHours(6));
        var samples = Enumerable.Range(0, 4320).Select(i => Sample(Start.AddSeconds(5 * i), i == 1000 ? HealthLevel.Critical : HealthLevel.Ok)).ToList();
        history.AddRange(samples);

        var points = history.ToList();

        Assert.Equal(HealthHistory.DefaultMaxPoints, points.Count);
        Assert.Single(points, p => p.Level == HealthLevel.Critical);
        Assert.Equal(samples[^1], points[^1]);
    }

    [Fact]
    public void Add_OlderThanWindow_DropsOldSamples()
    {
        var history = new HealthHistory(TimeSpan.FromHours(1));
        history.Add(Sample(Start, HealthLevel.Ok));

        history.Add(Sample(Start.AddHours(2), HealthLevel.Warning));

        Assert.Equal(HealthLevel.Warning, Assert.Single(history.ToList()).Level);
    }

    private static HealthSample Sample(DateTimeOffset time, HealthLevel level) => new("primary", time, true, level, 1, 1, 1, 1, 1, 1);
}
