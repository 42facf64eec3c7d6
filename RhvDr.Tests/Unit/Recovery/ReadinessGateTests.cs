using RhvDr.Core.Readiness;
using RhvDr.Core.Recovery;
using RhvDr.Tests.Components;

namespace RhvDr.Tests.Recovery;

public class ReadinessGateTests
{
    [Theory]
    [InlineData("engines")]
    [InlineData("replication")]
    [InlineData("mapping")]
    [InlineData("capacity")]
    public void Evaluate_PlannedFailoverCriticalFailure_Blocks(string check)
    {
        var report = RunPreviews.Report(RunPreviews.Finding(check, CheckStatus.Fail), RunPreviews.Finding("ovf-store", CheckStatus.Pass));

        var gate = ReadinessGate.Evaluate(report, RunKind.Failover, RunMode.Planned);

        Assert.True(gate.Blocks);
        Assert.Equal(check, Assert.Single(gate.Blocking).Id);
        Assert.Contains(check, gate.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ovf-store")]
    [InlineData("vm-protection")]
    [InlineData("power-management")]
    [InlineData("test-failover")]
    public void Evaluate_NoGoFromNonBlockingCheck_OnlyWarns(string check)
    {
        var report = RunPreviews.Report(RunPreviews.Finding(check, CheckStatus.Fail));
        Assert.Equal(ReadinessVerdict.NoGo, report.Verdict);

        var gate = ReadinessGate.Evaluate(report, RunKind.Test, RunMode.Planned);

        Assert.False(gate.Blocks);
        Assert.Equal(check, Assert.Single(gate.Warnings).Id);
    }

    [Fact]
    public void Evaluate_CheckCannotRun_OnlyWarns()
    {
        var report = RunPreviews.Report(RunPreviews.Finding("engines", CheckStatus.Error));

        var gate = ReadinessGate.Evaluate(report, RunKind.Failover, RunMode.Planned);

        Assert.False(gate.Blocks);
    }

    [Fact]
    public void Evaluate_DisasterWithSourceEngineAndReplicationDown_DoesNotBlock()
    {
        var report = RunPreviews.Report(RunPreviews.Finding("engines", CheckStatus.Fail), RunPreviews.Finding("replication", CheckStatus.Fail), RunPreviews.Finding("capacity", CheckStatus.Pass));

        var gate = ReadinessGate.Evaluate(report, RunKind.Failover, RunMode.Disaster);

        Assert.False(gate.Blocks);
        Assert.Equal(2, gate.Warnings.Count);
    }

    [Fact]
    public void Evaluate_DisasterWithMappingErrors_Blocks()
    {
        var report = RunPreviews.Report(RunPreviews.Finding("mapping", CheckStatus.Fail));

        Assert.True(ReadinessGate.Evaluate(report, RunKind.Failover, RunMode.Disaster).Blocks);
    }

    [Fact]
    public void Evaluate_DisasterWithMappingCheckThatCouldNotReadTheLostPrimary_DoesNotBlock()
    {
        var report = RunPreviews.Report(RunPreviews.Finding("engines", CheckStatus.Fail), RunPreviews.Finding("mapping", CheckStatus.Error));

        var gate = ReadinessGate.Evaluate(report, RunKind.Failover, RunMode.Disaster);

        Assert.False(gate.Blocks);
        Assert.Contains(gate.Warnings, f => f.Id == "mapping");
    }

    [Theory]
    [InlineData(RunKind.Failback)]
    [InlineData(RunKind.Cleanup)]
    public void Evaluate_KindsReadinessDoesNotMeasure_NeverBlock(RunKind kind)
    {
        var report = RunPreviews.Report(RunPreviews.Finding("replication", CheckStatus.Fail));

        var gate = ReadinessGate.Evaluate(report, kind, RunMode.Planned);

        Assert.False(gate.Applies);
        Assert.False(gate.Blocks);
    }

    [Fact]
    public void Evaluate_NotEvaluated_DoesNotBlock()
    {
        var gate = ReadinessGate.Evaluate(ReadinessReport.NotEvaluated, RunKind.Failover, RunMode.Planned);

        Assert.False(gate.Applies);
        Assert.False(gate.Blocks);
    }
}
