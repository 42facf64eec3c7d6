using System.Collections.Concurrent;
using RhvDr.Core.Plans;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// A plan run's re-IP: the rows of its rules per VM (read at preflight from the source while its VMs still run, else from
/// each registered VM's own initialization at the target as it starts), and which way they apply.
/// </summary>
internal sealed class ReIpSchedule(RecoveryPlanDefinition? plan, ReIpDirection direction)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<ReIpRow>> _byVm = new(StringComparer.Ordinal);

    public static ReIpSchedule For(RunPlan? plan, RunKind kind) =>
        new(plan?.Definition, kind == RunKind.Failback ? ReIpDirection.ToPrimary : ReIpDirection.ToRecovery);

    /// <summary>The plan has re-IP rules.</summary>
    public bool Active => plan is { ReIp.Count: > 0 };

    public ReIpDirection Direction => direction;

    /// <summary>The rows of <paramref name="guests"/>, kept for their starts.</summary>
    public IReadOnlyList<ReIpRow> Plan(IEnumerable<ReIpGuest> guests)
    {
        if (plan is null)
        {
            return [];
        }

        var list = guests.ToList();
        var rows = ReIpAddressing.Rows(plan, list, direction);
        foreach (var guest in list)
        {
            _byVm[guest.VmName] = [.. rows.Where(r => string.Equals(r.Vm, guest.VmName, StringComparison.Ordinal))];
        }

        return rows;
    }

    /// <summary>The VM's rows; null when it was not planned yet.</summary>
    public IReadOnlyList<ReIpRow>? RowsOf(string vmName) => _byVm.GetValueOrDefault(vmName);
}
