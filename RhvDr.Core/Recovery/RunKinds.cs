using RhvDr.Core.Configuration;

namespace RhvDr.Core.Recovery;

/// <summary>Which run kinds make sense for a topology: the start form, the wizard and the runner all ask here.</summary>
public static class RunKinds
{
    private static readonly IReadOnlyList<RunKind> ActivePassive = [RunKind.Failover, RunKind.Failback, RunKind.Test, RunKind.Cleanup];
    private static readonly IReadOnlyList<RunKind> ActiveActive = [RunKind.Evacuate, RunKind.Return];

    public static IReadOnlyList<RunKind> For(DrTopology topology) => topology == DrTopology.ActiveActive ? ActiveActive : ActivePassive;

    /// <summary>Runs on the stretch cluster of an Active/Active pair: VMs move by live migration, no storage moves.</summary>
    public static bool IsStretch(RunKind kind) => kind is RunKind.Evacuate or RunKind.Return;

    /// <summary>Why <paramref name="kind"/> cannot run on <paramref name="topology"/>, in words; null when it can.</summary>
    public static string? Refusal(RunKind kind, DrTopology topology)
    {
        if (For(topology).Contains(kind))
        {
            return null;
        }

        var name = kind.ToString().ToLowerInvariant();
        return IsStretch(kind)
            ? $"A {name} run moves VMs between the sites of one stretch cluster and needs RhvDr:Topology ActiveActive; this console is configured ActivePassive. Use a failover or failback to move production between sites."
            : $"A {name} run moves storage between two engines and needs RhvDr:Topology ActivePassive; with ActiveActive one engine manages both sites. Use evacuate and return.";
    }
}
