namespace RhvDr.Lab.Control;

/// <summary>Faults applied to every engine API call: a share of calls answered with a 503 fault, and added latency.</summary>
public sealed record LabFaults(double ErrorRate, int LatencyMs)
{
    public static LabFaults None { get; } = new(0, 0);
}
