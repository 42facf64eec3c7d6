using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Mapping;
using RhvDr.Core.Readiness;
using RhvDr.Core.Readiness.Checks;
using RhvDr.Core.Sites;
using RhvDr.Tests.Components;
using RhvDr.Tests.Mapping;

namespace RhvDr.Tests.Readiness;

/// <summary>The readiness mapping check with the primary engine down: a lost primary is what readiness measures, so only a real gap fails it.</summary>
public sealed class MappingCheckLostPrimaryTests
{
    private readonly FakeTimeProvider _clock = new(SiteSnapshotBuilder.Now.AddMinutes(-3));
    private readonly FakeMappingStore _store = new();
    private readonly MappingInventoryMemory _memory;

    public MappingCheckLostPrimaryTests()
    {
        _memory = new MappingInventoryMemory(_clock);
        _store.Active = new StoredMapping(new MappingVersionInfo(4, SiteSnapshotBuilder.Now, "admin", null, false, 0, 0, "test"),
            DrMappingYaml.Import(MappingFixtures.Example()).Mapping!, []);
    }

    [Fact]
    public async Task Evaluate_PrimaryDownAfterARead_WarnsWithTheAgeOfItsLastInventory()
    {
        _memory.Remember("primary", MappingInventories.Primary);

        var finding = await EvaluateAsync();

        Assert.Equal((CheckStatus.Warn, CheckSeverity.Warning), (finding.Status, finding.Severity));
        Assert.StartsWith("Primary checked against its last inventory, read 3 min ago", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("(the engine does not answer): the mapping version 4 has", finding.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(finding.Evidence, e => e.Contains("could not be reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_PrimaryDownWithAGapInItsLastInventory_FailsCritical()
    {
        // A protected VM uses a cluster the mapping does not cover and the recovery site does not have.
        var vm = MappingInventories.ProtectedVm with { Cluster = "cluster_new" };
        _memory.Remember("primary", MappingInventories.Primary with { Vms = [vm] });

        var finding = await EvaluateAsync();

        Assert.Equal((CheckStatus.Fail, CheckSeverity.Critical), (finding.Status, finding.Severity));
        Assert.StartsWith("Primary checked against its last inventory, read 3 min ago", finding.Summary, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Contains("cluster 'cluster_new' used by VM(s) web01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_PrimaryDownAndNeverRead_CannotRunSayingWhy()
    {
        var finding = await EvaluateAsync();

        Assert.Equal(CheckStatus.Error, finding.Status);
        Assert.StartsWith("Cannot run: the primary engine does not answer (connection refused) and the console has not read it since it started", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("not across restarts", finding.Summary, StringComparison.Ordinal);
    }

    private async Task<ReadinessFinding> EvaluateAsync()
    {
        _clock.Advance(SiteSnapshotBuilder.Now - _clock.GetUtcNow());
        var source = new LostSiteMappingInventorySource(new Dictionary<string, MappingInventory> { ["recovery"] = MappingInventories.Secondary });
        source.SetDown("primary");
        var sources = new ReadinessSources(_store, source, new FakeRecoveryHistory(), _memory);
        var evaluator = new ReadinessEvaluator([new MappingCheck()], sources, Options.Create(new ReadinessOptions()), _clock);
        var inventory = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Engine(EngineConnectionStatus.Unreachable, "connection refused").Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Build());

        var report = await evaluator.EvaluateAsync(inventory, CancellationToken.None);
        return report.Findings.Single();
    }
}
