using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class SiteSnapshotTests
{
    [Fact]
    public void Health_AfterWithNewEngineState_IsRecomputed()
    {
        var initial = SiteSnapshot.Initial(new SiteDescriptor("primary", "Prod", SiteRole.Primary, "lab:primary", true));
        Assert.Equal(HealthLevel.Unknown, initial.Health.Level);

        var unreachable = initial with { Engine = new EngineState(EngineConnectionStatus.Unreachable, "down", DateTimeOffset.UtcNow, null) };

        Assert.Equal(HealthLevel.Critical, unreachable.Health.Level);
        Assert.Equal("Engine unreachable", unreachable.Health.Summary);
        Assert.Equal(HealthLevel.Unknown, initial.Health.Level);
    }

    [Fact]
    public void Health_ReadTwice_IsTheSameInstance()
    {
        var snapshot = SiteSnapshot.Initial(new SiteDescriptor("primary", "Prod", SiteRole.Primary, "lab:primary", true));

        Assert.Same(snapshot.Health, snapshot.Health);
    }
}
