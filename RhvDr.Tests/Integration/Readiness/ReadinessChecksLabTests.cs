using RhvDr.Core.Mapping;
using RhvDr.Core.Readiness;

namespace RhvDr.Tests.Readiness;

/// <summary>Each check against the lab: passes when the lab is healthy, fails when the lab is staged to break it.</summary>
public sealed class ReadinessChecksLabTests : IAsyncLifetime
{
    private readonly ReadinessLab _lab = new();

    public Task InitializeAsync() => _lab.MakeHealthyAsync();

    public Task DisposeAsync() => _lab.DisposeAsync().AsTask();

    [Fact]
    public async Task Evaluate_HealthyLab_StagedChecksPass()
    {
        // Arrange: made healthy in InitializeAsync.

        // Act
        var report = await _lab.Evaluator.EvaluateAsync(_lab.Inventory.Current, CancellationToken.None);

        // Assert
        foreach (var id in new[] { "engines", "replication", "mapping", "capacity", "ovf-store", "vm-protection", "excluded-domains", "ha-affinity" })
        {
            var finding = report.Findings.Single(f => f.Id == id);
            Assert.True(finding.Status == CheckStatus.Pass, $"{id}: {finding.Status} {finding.Summary} {string.Join("; ", finding.Evidence)}");
        }
        Assert.Equal(CheckStatus.Warn, report.Findings.Single(f => f.Id == "test-failover").Status);
        Assert.Equal("model", report.Rto.Source);
        // Every check that can block passes; the never-tested failover is a warning.
        Assert.Equal(ReadinessVerdict.Warn, report.Verdict);
    }

    [Fact]
    public async Task Evaluate_ReplicationPairBroken_ReplicationFailsCritical()
    {
        await _lab.PostAsync("lab/array/pairs/path2/break");

        var finding = await _lab.WaitForCheckAsync("replication", f => f.Status == CheckStatus.Fail, "fail");

        Assert.Equal(CheckSeverity.Critical, finding.Severity);
        Assert.Contains(finding.Evidence, e => e.StartsWith("path2: broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_LagOverThreeIntervals_ReplicationFailsAndRpoShowsLag()
    {
        // path2 replicates every 300 s: 1000 s behind is over 3x.
        await _lab.PostAsync("lab/control/array/pairs/path2/lag", new { lagSeconds = 1000 });

        var finding = await _lab.WaitForCheckAsync("replication", f => f.Status == CheckStatus.Fail, "fail");
        var report = await _lab.Evaluator.EvaluateAsync(_lab.Inventory.Current, CancellationToken.None);

        Assert.Equal(CheckSeverity.Critical, finding.Severity);
        Assert.Contains(finding.Evidence, e => e.StartsWith("path2: replicating", StringComparison.Ordinal));
        Assert.Equal(ReadinessVerdict.NoGo, report.Verdict);
        var path2 = report.DomainRpo.Single(d => d.Domain == "path2").RpoSeconds;
        Assert.InRange(path2, 999, 1100);
        // The site's RPO is its worst domain's: path2, the only one behind.
        Assert.Equal(path2, report.RpoSeconds);
    }

    [Fact]
    public async Task Evaluate_VmCreatedAfterLastOvfUpdate_OvfStoreFailsNamingIt()
    {
        await _lab.PostAsync("lab/control/sites/primary/vms", new { name = "new-after-ovf", storageDomain = "path2" });

        var finding = await _lab.WaitForCheckAsync("ovf-store", f => f.Status == CheckStatus.Fail, "fail");

        Assert.Contains(finding.Evidence, e => e.StartsWith("new-after-ovf on path2", StringComparison.Ordinal));
        Assert.Contains("path2", finding.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_RecoveryHostsDown_CapacityFails()
    {
        foreach (var host in _lab.Inventory.Current.Find("recovery")!.Inventory.Hosts.Skip(1))
        {
            await _lab.PostAsync($"lab/control/sites/recovery/hosts/{host.Name}/down");
        }

        var finding = await _lab.WaitForCheckAsync("capacity", f => f.Status == CheckStatus.Fail, "fail");

        Assert.Equal(CheckSeverity.Critical, finding.Severity);
        Assert.Contains(finding.Evidence, e => e.StartsWith("Memory short by", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_ClusterLeftUnmapped_MappingFailsNamingCluster()
    {
        _lab.SaveGeneratedMapping(m => m with { Clusters = ValueList<NameMapping>.Empty });

        var finding = await _lab.WaitForCheckAsync("mapping", f => f.Status == CheckStatus.Fail, "fail");

        Assert.Contains(finding.Evidence, e => e.Contains("cluster_prod", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_NoMappingSaved_MappingCannotRun()
    {
        _lab.Mapping.Active = null;

        var finding = await _lab.WaitForCheckAsync("mapping", f => f.Status == CheckStatus.Error, "cannot run");

        Assert.Equal("Cannot run: no mapping saved", finding.Summary);
    }

    [Fact]
    public async Task Evaluate_VmDeleteProtected_VmProtectionFailsNamingIt()
    {
        var vm = _lab.Inventory.Current.Find("primary")!.Inventory.Vms.First(v => v.StorageDomainNames.Contains("path2"));
        await _lab.PostAsync($"lab/control/sites/primary/vms/{vm.Id}/deleteprotect");

        var finding = await _lab.WaitForCheckAsync("vm-protection", f => f.Status == CheckStatus.Fail, "fail");

        Assert.Equal([$"{vm.Name}: delete protected"], finding.Evidence);
    }

    [Fact]
    public async Task Evaluate_RecoveryEngineDown_EnginesFailAndOtherChecksSayWhy()
    {
        await _lab.PostAsync("lab/control/sites/recovery/down");

        var report = await Support.WaitFor.ValueAsync(
            () => _lab.Evaluator.EvaluateAsync(_lab.Inventory.Current, CancellationToken.None),
            r => r.Findings.Single(f => f.Id == "engines").Status == CheckStatus.Fail, "engines to fail");

        Assert.Equal(ReadinessVerdict.NoGo, report.Verdict);
        Assert.Equal(CheckStatus.Error, report.Findings.Single(f => f.Id == "mapping").Status);
        Assert.Contains("could not be read", report.Findings.Single(f => f.Id == "mapping").Summary, StringComparison.Ordinal);
    }
}
