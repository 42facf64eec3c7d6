using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Readiness;
using RhvDr.Core.Recovery.Procedures;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Executes one run (DESIGN §6): the procedure of its kind declares its stages once; their steps are planned on the run (what
/// the run page shows) and executed in order, then the report step. Each step reads the real state before it acts, so
/// executing again after an interruption continues where the engines are, never repeating what is done.
/// </summary>
public sealed class RecoveryProcedure(
    RunContext run,
    RecoveryPlan plan,
    IEngineClientFactory clients,
    IReplicationController replication,
    IInventoryStore inventory,
    RecoveryOptions options,
    TimeSpan sanlockWait,
    TimeProvider time,
    PlanStepRunner steps,
    IReadinessStore? readiness = null,
    MappingService? mappings = null,
    IRunStore? history = null)
{
    public async Task ExecuteAsync()
    {
        var scope = new ProcedureScope(run, plan, clients, replication, inventory, options, sanlockWait, time, steps, readiness, mappings, history);
        var procedure = For(scope);
        List<RunStage> stages =
        [
            .. procedure.Stages,
            RunStage.Step(RecoveryStepNames.Report, "Report", 1, _ => Task.FromResult<string?>(procedure.Summary())),
        ];

        await run.PlanStepsAsync([.. stages.SelectMany(s => s.Steps).Select(s => (s.Name, s.Title, s.ExpectedSeconds))]).ConfigureAwait(false);
        foreach (var stage in stages)
        {
            await stage.ExecuteAsync(run).ConfigureAwait(false);
        }
    }

    private static IRunProcedure For(ProcedureScope scope) => scope.Context.Run.Kind switch
    {
        RunKind.Failover or RunKind.Failback => new FailoverProcedure(scope),
        RunKind.Test => new TestFailoverProcedure(scope),
        RunKind.Cleanup => new CleanupProcedure(scope),
        RunKind.Evacuate or RunKind.Return => new StretchProcedure(scope),
        _ => throw new InvalidOperationException($"There is no procedure for a {scope.Context.Run.Kind} run."),
    };
}
