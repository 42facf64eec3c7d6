using RhvDr.Core.Recovery;

namespace RhvDr.Console.Model;

/// <summary>
/// One priority group of a plan run as the run page shows it: its VMs (those that ran at the source, by name) and how many wait,
/// start, are up, failed or are skipped by the plan. A plan run's <see cref="VmOutcome.Wave"/> is the VM's priority group.
/// </summary>
public sealed record RunLane(int Priority, VmOutcome[] Vms, int Waiting, int Starting, int Up, int Failed, int Skipped = 0)
{
    /// <summary>
    /// The lanes of a plan run: one per priority group that has VMs that ran at the source; VMs that did not are left out.
    /// A VM the plan skips (<c>skip: true</c>, <see cref="VmOutcome.Skipped"/>) shows as skipped, not waiting.
    /// </summary>
    public static IReadOnlyList<RunLane> Of(IEnumerable<VmOutcome> vms)
    {
        ArgumentNullException.ThrowIfNull(vms);
        return [.. vms.Where(v => v.WasRunning && v.Wave > 0)
            .GroupBy(v => v.Wave)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var lane = g.OrderBy(v => v.VmName, StringComparer.Ordinal).ToArray();
                var states = lane.Select(LaneState).ToList();
                return new RunLane(g.Key, lane,
                    states.Count(s => s == RunLaneState.Waiting), states.Count(s => s == RunLaneState.Starting),
                    states.Count(s => s == RunLaneState.Up), states.Count(s => s == RunLaneState.Failed),
                    states.Count(s => s == RunLaneState.Skipped));
            })];
    }

    /// <summary>The VM's state in its lane; one the plan skips and the run has not started is skipped, never waiting.</summary>
    public static RunLaneState LaneState(VmOutcome vm) => RunViewModel.StateOf(vm) switch
    {
        RunVmState.Failed => RunLaneState.Failed,
        RunVmState.Up => RunLaneState.Up,
        RunVmState.Starting => RunLaneState.Starting,
        _ when vm.Skipped => RunLaneState.Skipped,
        _ => RunLaneState.Waiting,
    };

    /// <summary>Every VM of the lane is up, failed or skipped: nothing in it is still to happen.</summary>
    public bool Done => Up + Failed + Skipped == Vms.Length;
}
