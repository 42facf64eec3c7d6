namespace RhvDr.Lab.Control;

/// <summary>
/// Faults applied to every engine API call: a share of calls answered with a 503 fault, and added latency;
/// and VMs (by name) that will not start, as a VM whose disk image or host device is broken.
/// </summary>
public sealed record LabFaults(double ErrorRate, int LatencyMs, IReadOnlyList<string>? VmsFailingToStart = null)
{
    public static LabFaults None { get; } = new(0, 0);
}
