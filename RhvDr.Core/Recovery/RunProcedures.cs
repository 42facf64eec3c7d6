using Microsoft.Extensions.Options;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Readiness;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery;

/// <summary>Makes the procedure that executes one run, with what it needs of the engines, the storage and the settings.</summary>
public sealed class RunProcedures(
    IEngineClientFactory clients,
    IReplicationController replication,
    IInventoryStore inventory,
    IOptions<RecoveryOptions> options,
    TimeProvider time,
    IEnumerable<IReadinessStore> readiness,
    IEnumerable<MappingService> mappings,
    PlanStepRunner steps,
    IRunStore? history = null)
{
    public RecoveryProcedure Create(RunContext run, RecoveryPlan plan) =>
        new(run, plan, clients, replication, inventory, options.Value, options.Value.SanlockWait ?? RecoveryServiceExtensions.DefaultSanlockWait,
            time, steps, readiness.FirstOrDefault(), mappings.FirstOrDefault(), history);
}
