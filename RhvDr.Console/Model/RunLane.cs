using RhvDr.Core.Recovery;

namespace RhvDr.Console.Model;

/// <summary>
/// One priority group of a plan run as the run page shows it: its VMs (those the run starts, by name) and how many wait, start,
/// are up or failed. A plan run's <see cref="VmOutcome.Wave"/> is the VM's priority group.
/// </summary>
public sealed record RunLane(int Priority, VmOutcome[] Vms, int Waiting, int Starting, int Up, int Failed)
{
    /// <summary>The lanes of a plan run: one per priority group that has VMs to start; VMs the run does not start are left out.</summary>
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
                    states.Count(s => s == RunLaneState.Up), states.Count(s => s == RunLaneState.Failed));
            })];
    }

    public static RunLaneState LaneState(VmOutcome vm) => RunViewModel.StateOf(vm) switch
    {
        RunVmState.Failed => RunLaneState.Failed,
        RunVmState.Up => RunLaneState.Up,
        RunVmState.Starting => RunLaneState.Starting,
        _ => RunLaneState.Waiting,
    };

    /// <summary>Every VM of the lane is up or failed.</summary>
    public bool Done => Up + Failed == Vms.Length;
}
