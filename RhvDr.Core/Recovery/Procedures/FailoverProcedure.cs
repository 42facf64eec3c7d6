using RhvDr.Core.Replication;
using static RhvDr.Core.Recovery.RecoveryStepNames;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// Failover and failback (DESIGN §6), planned or after a disaster. A planned run shuts the source down cleanly and detaches
/// its domains before the storage switch; a disaster run takes the running VMs from the last inventory and waits out the lost
/// site's sanlock leases. Both then recover at the target; a planned failback re-protects afterwards.
/// </summary>
internal sealed class FailoverProcedure : IRunProcedure
{
    private readonly ProcedureScope _scope;

    public FailoverProcedure(ProcedureScope scope)
    {
        _scope = scope;
        var plan = scope.Plan;
        var (source, target) = (plan.SourceSite, plan.TargetSite);
        var run = scope.Context.Run;
        var planned = run.Mode == RunMode.Planned;
        var failback = run.Kind == RunKind.Failback;
        var preflight = new PreflightChecks(scope);
        var sourceSide = new SourceSide(scope);
        var storage = new StorageSteps(scope);
        var domains = plan.Domains.Count;

        List<RunStage> stages =
        [
            RunStage.Step(Preflight, "Preflight: mapping, engines, replication", 5, preflight.RunAsync),
            RunStage.Step(RecordVms, planned ? $"Record the VMs running at {source}" : $"Take the running VMs of {source} from the last inventory", 5, sourceSide.RecordVmsAsync),
        ];
        if (planned)
        {
            if (failback)
            {
                stages.Add(RunStage.Step(PrepareReplication, $"Storage: replicate {source} → {target}", 60, ct => storage.ReplicateAsync(ReplicationOperations.Reverse, source, target, ct)));
            }

            stages.AddRange(
            [
                RunStage.Step(ShutdownSource, $"Shut down the VMs at {source} (power off after {scope.Options.ShutdownTimeout})", 60, sourceSide.ShutdownSourceAsync),
                RunStage.Step(UpdateOvf, $"Update the OVF stores at {source}", 10, sourceSide.UpdateOvfAsync),
                RunStage.Step(DeactivateSource, $"Put the replicated domains at {source} into maintenance", 15 * domains, ct => sourceSide.DeactivateDomainsAsync(source, ct)),
                RunStage.Step(SyncReplicas, $"Storage: ship the last changes to {target}", 10, ct => storage.ReplicateAsync(ReplicationOperations.Sync, source, target, ct)),
                RunStage.Step(RemoveSource, $"Detach and remove the domains at {source} (no format)", 15 * domains, ct => sourceSide.RemoveDomainsAsync(source, ct)),
            ]);
        }

        stages.Add(RunStage.Step(SwitchStorage, planned ? $"Storage: split, promote {target}, demote {source}" : $"Storage: split and promote {target}", 10, storage.SwitchStorageAsync));
        if (!planned)
        {
            stages.Add(RunStage.Step(SanlockWait, "Wait for the lost site's sanlock leases to expire", scope.SanlockWait.TotalSeconds, storage.SanlockWaitAsync));
        }

        // A recovery plan's own steps: its pre-steps before the first priority group, its post-steps after the last.
        var planSteps = new PlanSteps(scope);
        stages.AddRange(planSteps.Before() is { } before ? [before] : []);
        stages.Add(new TargetPipeline(scope).Stage(test: false));
        stages.AddRange(planSteps.After() is { } after ? [after] : []);
        if (planned && failback)
        {
            stages.Add(RunStage.Step(Reprotect, $"Storage: re-protect, replicate {target} → {source}", 60, ct => storage.ReplicateAsync(ReplicationOperations.Reverse, target, source, ct)));
        }

        Stages = stages;
    }

    public IReadOnlyList<RunStage> Stages { get; }

    public string Summary() => TargetPipeline.Summary(_scope);
}
