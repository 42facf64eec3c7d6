using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using RhvDr.Core.Readiness;
using RhvDr.Core.Readiness.Checks;
using RhvDr.Core.Sites;
using RhvDr.Tests.Components;

namespace RhvDr.Tests.Readiness;

public sealed class ReadinessEvaluatorTests
{
    private readonly FakeRecoveryHistory _history = new();

    private ReadinessEvaluator Evaluator(params IReadinessCheck[] checks) =>
        new(checks, new ReadinessSources(null, null, _history), Options.Create(new ReadinessOptions()), new FakeTimeProvider(SiteSnapshotBuilder.Now));

    private static InventorySnapshot Inventory(Func<SiteSnapshotBuilder, SiteSnapshotBuilder>? primary = null) => SiteSnapshotBuilder.Snapshot(1,
        (primary ?? (b => b))(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("p1").Domain("data1").Vm("web01", domains: "data1")).Build(),
        SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Host("r1").Build());

    [Fact]
    public async Task Evaluate_AllPass_GoWithFullScore()
    {
        var report = await Evaluator(new FixedCheck("a", 20, CheckResult.Pass("ok")), new FixedCheck("b", 5, CheckResult.Pass("ok"))).EvaluateAsync(Inventory(), CancellationToken.None);

        Assert.Equal(ReadinessVerdict.Go, report.Verdict);
        Assert.Equal(100, report.Score);
    }

    [Fact]
    public async Task Evaluate_WarningOnly_WarnAndHalfWeight()
    {
        var report = await Evaluator(
            new FixedCheck("a", 20, CheckResult.Pass("ok")),
            new FixedCheck("b", 20, CheckResult.Warn("meh", ["x"], "fix x"))).EvaluateAsync(Inventory(), CancellationToken.None);

        Assert.Equal(ReadinessVerdict.Warn, report.Verdict);
        Assert.Equal(75, report.Score);
        Assert.Contains(report.WhatWouldChange, l => l.Contains("Check b: fix x", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_CriticalFailure_NoGoAndNamesWhatToFix()
    {
        var report = await Evaluator(
            new FixedCheck("a", 20, CheckResult.Fail("broken", ["pair1"], "resync pair1")),
            new FixedCheck("b", 5, CheckResult.Fail("minor", ["vm1"], "unprotect", CheckSeverity.Warning)),
            new FixedCheck("c", 75, CheckResult.Pass("ok"))).EvaluateAsync(Inventory(), CancellationToken.None);

        Assert.Equal(ReadinessVerdict.NoGo, report.Verdict);
        Assert.Equal(75, report.Score);
        Assert.Equal("Fixing \"Check a\" would lift the no-go.", report.WhatWouldChange[0]);
    }

    [Fact]
    public async Task Evaluate_CannotRunCritical_NoGoScoresNothing()
    {
        var report = await Evaluator(
            new FixedCheck("a", 50, CheckResult.CannotRun("no mapping saved", "save one")),
            new FixedCheck("b", 50, CheckResult.Pass("ok"))).EvaluateAsync(Inventory(), CancellationToken.None);

        Assert.Equal(ReadinessVerdict.NoGo, report.Verdict);
        Assert.Equal(50, report.Score);
        Assert.Equal(CheckStatus.Error, report.Findings[0].Status);
    }

    [Fact]
    public async Task Evaluate_CheckThrows_ReportedAsCannotRunNotCrash()
    {
        var report = await Evaluator(new FixedCheck("boom", 10, null, new InvalidOperationException("bad data"))).EvaluateAsync(Inventory(), CancellationToken.None);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(CheckStatus.Error, finding.Status);
        Assert.Contains("bad data", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_ReplicationLag_RpoPerDomainIsTheLagAndBrokenPairLosesSinceLastSync()
    {
        var inventory = Inventory(p => p.Replication("data1", lagSeconds: 120).Replication("data2", state: "broken", lagSeconds: 30));

        var report = await Evaluator(new ReplicationCheck()).EvaluateAsync(inventory, CancellationToken.None);

        Assert.Equal(120, report.DomainRpo.Single(d => d.Domain == "data1").RpoSeconds);
        Assert.Equal(30, report.DomainRpo.Single(d => d.Domain == "data2").RpoSeconds);
        Assert.Equal(120, report.RpoSeconds);
        Assert.Equal(ReadinessVerdict.NoGo, report.Verdict);
    }

    [Theory]
    [InlineData(100, CheckStatus.Pass)]
    [InlineData(130, CheckStatus.Warn)]
    [InlineData(190, CheckStatus.Fail)]
    public async Task Replication_LagAgainstInterval_WarnAtTwiceFailAtThrice(double lag, CheckStatus expected)
    {
        var inventory = Inventory(p => p.Replication("data1", lagSeconds: lag, intervalSeconds: 60));

        var report = await Evaluator(new ReplicationCheck()).EvaluateAsync(inventory, CancellationToken.None);

        Assert.Equal(expected, report.Findings.Single().Status);
    }

    [Fact]
    public async Task Evaluate_NoHistory_RtoFromModel()
    {
        var report = await Evaluator(new FixedCheck("a", 1, CheckResult.Pass("ok"))).EvaluateAsync(Inventory(p => p.Replication("data1")), CancellationToken.None);

        Assert.Equal("model", report.Rto.Source);
        Assert.Equal(RtoModel.BaseSeconds + RtoModel.PerDomainSeconds + RtoModel.PerVmRegisterSeconds + RtoModel.PerStartWaveSeconds, report.Rto.Seconds);
    }

    [Fact]
    public async Task Evaluate_StepTimings_RtoIsMedianRunTotal()
    {
        foreach (var (run, seconds) in new[] { ("r1", 600), ("r1", 300), ("r2", 1200), ("r3", 500) })
        {
            _history.Timings.Add(new RecoveryStepTiming(run, "step", SiteSnapshotBuilder.Now, TimeSpan.FromSeconds(seconds)));
        }

        var report = await Evaluator(new FixedCheck("a", 1, CheckResult.Pass("ok"))).EvaluateAsync(Inventory(), CancellationToken.None);

        Assert.Equal("history", report.Rto.Source);
        Assert.Equal(900, report.Rto.Seconds);
    }

    [Fact]
    public async Task TestFailover_NoneRecorded_Warns()
    {
        var report = await Evaluator(new TestFailoverCheck()).EvaluateAsync(Inventory(), CancellationToken.None);

        Assert.Equal(CheckStatus.Warn, report.Findings.Single().Status);
        Assert.Equal("No test failover recorded.", report.Findings.Single().Summary);
    }

    [Fact]
    public async Task TestFailover_OldOrFailed_WarnsOrFails()
    {
        _history.LastTest = new TestFailoverRecord("run-1", SiteSnapshotBuilder.Now.AddDays(-120), true, TimeSpan.FromMinutes(30), null);
        var old = await Evaluator(new TestFailoverCheck()).EvaluateAsync(Inventory(), CancellationToken.None);
        _history.LastTest = new TestFailoverRecord("run-2", SiteSnapshotBuilder.Now.AddDays(-3), false, TimeSpan.FromMinutes(30), "2 VMs did not start");
        var failed = await Evaluator(new TestFailoverCheck()).EvaluateAsync(Inventory(), CancellationToken.None);

        Assert.Equal(CheckStatus.Warn, old.Findings.Single().Status);
        Assert.Equal(CheckStatus.Fail, failed.Findings.Single().Status);
        Assert.Equal("run-2", failed.LastTestFailover!.RunId);
    }

    [Fact]
    public async Task Mapping_NoStore_CannotRunNoMappingSaved()
    {
        var report = await Evaluator(new MappingCheck()).EvaluateAsync(Inventory(), CancellationToken.None);

        Assert.Equal(CheckStatus.Error, report.Findings.Single().Status);
        Assert.StartsWith("Cannot run: no mapping saved", report.Findings.Single().Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engines_RecoveryUnreachable_FailsCritical()
    {
        var inventory = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Engine(EngineConnectionStatus.Unreachable, "connection refused").Build());

        var report = await Evaluator(new EngineConnectivityCheck()).EvaluateAsync(inventory, CancellationToken.None);

        var finding = report.Findings.Single();
        Assert.Equal((CheckStatus.Fail, CheckSeverity.Critical), (finding.Status, finding.Severity));
        Assert.Contains(finding.Evidence, e => e.EndsWith(": connection refused", StringComparison.Ordinal));
    }
}
