using static RhvDr.Core.Recovery.RecoveryStepNames;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// A test failover: writeable copies of the replicas at the target, the VMs registered there on the isolated test network and
/// started. Production at the source is only read; replication goes on.
/// </summary>
internal sealed class TestFailoverProcedure(ProcedureScope scope) : IRunProcedure
{
    public IReadOnlyList<RunStage> Stages { get; } = StagesOf(scope);

    public string Summary() => TargetPipeline.Summary(scope);

    private static List<RunStage> StagesOf(ProcedureScope scope)
    {
        var planSteps = new PlanSteps(scope);
        return
        [
            RunStage.Step(Preflight, "Preflight: mapping, engines, replication", 5, new PreflightChecks(scope).RunAsync),
            RunStage.Step(RecordVms, $"Record the VMs running at {scope.Plan.SourceSite}", 5, new SourceSide(scope).RecordVmsAsync),
            RunStage.Step(TestCopies, $"Storage: writeable test copies of the replicas at {scope.Plan.TargetSite}", 10, new StorageSteps(scope).TestCopiesAsync),
            .. planSteps.Before() is { } before ? [before] : Array.Empty<RunStage>(),
            new TargetPipeline(scope).Stage(test: true),
            .. planSteps.After() is { } after ? [after] : Array.Empty<RunStage>(),
        ];
    }
}
