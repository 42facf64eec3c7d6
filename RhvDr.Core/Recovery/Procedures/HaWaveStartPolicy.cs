namespace RhvDr.Core.Recovery.Procedures;

/// <summary>The order of a run without a recovery plan: HA VMs first by HA priority, then the rest, in waves of the start parallelism (<see cref="StartWaves"/>).</summary>
internal sealed class HaWaveStartPolicy(IReadOnlyDictionary<string, (int Rank, int Wave)> order) : IStartPolicy
{
    public static HaWaveStartPolicy For(IEnumerable<VmOutcome> wanted, int parallelism) =>
        new(StartWaves.Rank(wanted, v => v.VmId, v => v.HighlyAvailable, v => v.HaPriority, v => v.VmName, parallelism));

    public (int Rank, int Wave) PlaceOf(string vmId) => order.TryGetValue(vmId, out var o) ? o : (int.MaxValue, 0);

    public string? SkipReason(string vmId) => null;

    public Task WhenMayStartAsync(string vmId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A run without a plan counts a VM as recovered once the engine reports it up.</summary>
    public bool VerifiesGuests => false;

    public Plans.VmProbe? ProbeOf(string vmId) => null;

    public void Dispose()
    {
    }
}
