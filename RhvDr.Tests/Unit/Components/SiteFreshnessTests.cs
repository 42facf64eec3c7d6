using RhvDr.Console.Model;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

public class SiteFreshnessTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    [Fact]
    public void For_ConnectedWithinOnePoll_IsLiveWithNoLastKnownText()
    {
        var site = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("host1").Build();

        var freshness = SiteFreshness.For(site, SiteSnapshotBuilder.Now.AddSeconds(25), Poll);

        Assert.False(freshness.IsStale);
        Assert.Equal(TimeSpan.FromSeconds(25), freshness.Age);
        Assert.Null(freshness.LastKnown);
    }

    [Fact]
    public void For_ConnectedButAPollMissed_IsStaleWithAgeInWords()
    {
        var site = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("host1").Build();

        var freshness = SiteFreshness.For(site, SiteSnapshotBuilder.Now.AddMinutes(2), Poll);

        Assert.True(freshness.IsStale);
        Assert.Equal("last known, 2 min ago", freshness.LastKnown);
    }

    [Theory]
    [InlineData(EngineConnectionStatus.Unreachable)]
    [InlineData(EngineConnectionStatus.AuthenticationFailed)]
    [InlineData(EngineConnectionStatus.Faulted)]
    public void For_EngineNotAnswering_IsStaleEvenWhenTheDataIsRecent(EngineConnectionStatus status)
    {
        var site = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Engine(status, "timeout", SiteSnapshotBuilder.Now.AddSeconds(-3)).Build();

        var freshness = SiteFreshness.For(site, SiteSnapshotBuilder.Now, Poll);

        Assert.True(freshness.IsStale);
        Assert.Equal("last known, just now", freshness.LastKnown);
    }

    [Fact]
    public void For_NeverPolledSuccessfully_HasNoAgeAndNoLastKnownText()
    {
        var waiting = SiteSnapshot.Initial(SiteSnapshotBuilder.Primary);
        var lost = waiting with { Engine = new EngineState(EngineConnectionStatus.Unreachable, "refused", SiteSnapshotBuilder.Now, null) };

        var first = SiteFreshness.For(waiting, SiteSnapshotBuilder.Now, Poll);
        var second = SiteFreshness.For(lost, SiteSnapshotBuilder.Now, Poll);

        Assert.False(first.IsStale);
        Assert.Null(first.Age);
        Assert.True(second.IsStale);
        Assert.Null(second.LastKnown);
    }

    [Fact]
    public void For_AgeMovesOn_TextFollowsTheClock()
    {
        var site = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Engine(EngineConnectionStatus.Unreachable, "timeout", SiteSnapshotBuilder.Now).Build();

        Assert.Equal("last known, 45 s ago", SiteFreshness.For(site, SiteSnapshotBuilder.Now.AddSeconds(45), Poll).LastKnown);
        Assert.Equal("last known, 5 min ago", SiteFreshness.For(site, SiteSnapshotBuilder.Now.AddMinutes(5), Poll).LastKnown);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(5, 10)]
    [InlineData(30, 60)]
    public void StaleAfter_OneMissedPollWithAFloor(int pollSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SiteFreshness.StaleAfter(TimeSpan.FromSeconds(pollSeconds)));
}
