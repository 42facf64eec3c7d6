using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Readiness;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>What every part of one run's procedure works with: the run, its plan, the engines, the storage and the settings.</summary>
internal sealed class ProcedureScope(
    RunContext context,
    RecoveryPlan plan,
    IEngineClientFactory clients,
    IReplicationController replication,
    IInventoryStore inventory,
    RecoveryOptions options,
    TimeSpan sanlockWait,
    TimeProvider time,
    PlanStepRunner steps,
    IReadinessStore? readiness,
    MappingService? mappings,
    IRunStore? history = null)
{
    public RunContext Context { get; } = context;

    public RecoveryPlan Plan { get; } = plan;

    public IEngineClientFactory Clients { get; } = clients;

    public IReplicationController Replication { get; } = replication;

    public IInventoryStore Inventory { get; } = inventory;

    public RecoveryOptions Options { get; } = options;

    /// <summary>How long a lost site's sanlock leases take to expire.</summary>
    public TimeSpan SanlockWait { get; } = sanlockWait;

    public TimeProvider Time { get; } = time;

    /// <summary>Executes the recovery plan's pre- and post-steps.</summary>
    public PlanStepRunner Steps { get; } = steps;

    public IReadinessStore? Readiness { get; } = readiness;

    public MappingService? Mappings { get; } = mappings;

    /// <summary>The runs before this one: how long each VM took to verify (a plan run's start order within a group).</summary>
    public IRunStore? History { get; } = history;

    public EngineCalls Calls { get; } = new(context, options, time);

    /// <summary>The plan's re-IP for this run (inactive without a plan or rules).</summary>
    public ReIpSchedule ReIp { get; } = ReIpSchedule.For(plan.RunPlan, context.Run.Kind);
}
