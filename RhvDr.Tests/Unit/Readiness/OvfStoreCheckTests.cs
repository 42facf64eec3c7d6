using RhvDr.Core.Readiness;
using RhvDr.Core.Readiness.Checks;
using RhvDr.Core.Sites;
using RhvDr.Tests.Components;

namespace RhvDr.Tests.Readiness;

/// <summary>
/// The OVF store check on what an engine exposes: the OVF updates users asked for (logged) and the engine's update interval
/// (its scheduled updates are not logged).
/// </summary>
public sealed class OvfStoreCheckTests
{
    private static readonly DateTimeOffset Now = SiteSnapshotBuilder.Now;

    [Fact]
    public async Task Evaluate_NoUpdateAskedForAndVmsOlderThanTheInterval_Passes()
    {
        var context = Context(lastRequested: null, vmChanged: Now.AddHours(-2));

        var result = await new OvfStoreCheck().EvaluateAsync(context, CancellationToken.None);

        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task Evaluate_VmChangedWithinTheIntervalAndNoUpdateAskedFor_FailsSayingWhatItCannotKnow()
    {
        var context = Context(lastRequested: null, vmChanged: Now.AddMinutes(-10));

        var result = await new OvfStoreCheck().EvaluateAsync(context, CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(CheckSeverity.Warning, result.Severity);
        Assert.Contains("the engine records no time for its scheduled OVF updates", result.Summary, StringComparison.Ordinal);
        var evidence = Assert.Single(result.Evidence);
        Assert.StartsWith("web01 on path2: created or changed 2025-03-01 02:50 UTC, less than 60 min ago", evidence, StringComparison.Ordinal);
        Assert.EndsWith("none seen", evidence, StringComparison.Ordinal);
        Assert.Contains("Update the OVF stores of path2", result.Remediation, StringComparison.Ordinal);
        Assert.Contains("RhvDr:Readiness:OvfUpdateInterval", result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_VmChangedBeforeTheUpdateAskedFor_Passes()
    {
        var context = Context(lastRequested: Now.AddMinutes(-5), vmChanged: Now.AddMinutes(-10));

        var result = await new OvfStoreCheck().EvaluateAsync(context, CancellationToken.None);

        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task Evaluate_VmChangedAfterTheUpdateAskedFor_FailsNamingThatUpdate()
    {
        var context = Context(lastRequested: Now.AddMinutes(-20), vmChanged: Now.AddMinutes(-10));

        var result = await new OvfStoreCheck().EvaluateAsync(context, CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.EndsWith("last OVF update asked for: 2025-03-01 02:40 UTC", Assert.Single(result.Evidence), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_EngineIntervalShorterThanTheVmsAge_Passes()
    {
        var context = Context(lastRequested: null, vmChanged: Now.AddMinutes(-10), interval: TimeSpan.FromMinutes(5));

        var result = await new OvfStoreCheck().EvaluateAsync(context, CancellationToken.None);

        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Validate_OvfUpdateIntervalUnderOneMinute_FailsNamingTheSetting()
    {
        var result = new ReadinessOptionsValidator().Validate(null, new ReadinessOptions { OvfUpdateInterval = TimeSpan.FromSeconds(30) });

        Assert.True(result.Failed);
        Assert.Contains("RhvDr:Readiness:OvfUpdateInterval '00:00:30'", result.FailureMessage, StringComparison.Ordinal);
    }

    private static ReadinessContext Context(DateTimeOffset? lastRequested, DateTimeOffset vmChanged, TimeSpan? interval = null)
    {
        var primary = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Host("p1")
            .Domain("path2")
            .Vm("web01", host: "p1", domains: "path2")
            .Replication("path2")
            .Build();
        primary = primary with
        {
            Inventory = primary.Inventory with
            {
                StorageDomains = [.. primary.Inventory.StorageDomains.Select(d => d with { LastRequestedOvfUpdate = lastRequested })],
                Vms = [.. primary.Inventory.Vms.Select(v => v with { CreatedAt = vmChanged })],
            },
        };
        var options = new ReadinessOptions();
        if (interval is { } set)
        {
            options.OvfUpdateInterval = set;
        }
        return new ReadinessContext(
            SiteSnapshotBuilder.Snapshot(1, primary, SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Build()),
            options,
            new ReadinessSources(null, null, new FakeRecoveryHistory()),
            Now);
    }
}
