using RhvDr.Core.Replication;
using static RhvDr.Core.Recovery.RecoveryStepNames;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>The cleanup of a test failover: the test VMs powered off, the test domains removed at the target, the test copies dropped.</summary>
internal sealed class CleanupProcedure : IRunProcedure
{
    private readonly ProcedureScope _scope;

    public CleanupProcedure(ProcedureScope scope)
    {
        _scope = scope;
        var (source, target) = (scope.Plan.SourceSite, scope.Plan.TargetSite);
        var side = new SourceSide(scope);
        var storage = new StorageSteps(scope);
        Stages =
        [
            RunStage.Step(Preflight, "Preflight: mapping, engines, replication", 5, new PreflightChecks(scope).RunAsync),
            RunStage.Step(StopTestVms, $"Power off the test VMs at {target}", 10, side.StopTestVmsAsync),
            RunStage.Step(RemoveTestDomains, $"Deactivate, detach and remove the test domains at {target}", 30 * scope.Plan.Domains.Count, async ct =>
            {
                await side.DeactivateDomainsAsync(target, ct).ConfigureAwait(false);
                return await side.RemoveDomainsAsync(target, ct).ConfigureAwait(false);
            }),
            RunStage.Step(RemoveTestCopies, $"Storage: drop the test copies at {target}", 10, ct => storage.ReplicateAsync(ReplicationOperations.RemoveTestCopy, source, target, ct)),
        ];
    }

    public IReadOnlyList<RunStage> Stages { get; }

    public string Summary() => $"{_scope.Context.Vms.Count} test VMs stopped and removed with {_scope.Plan.Domains.Count} test domains";
}
