namespace RhvDr.Lab.Simulation;

/// <summary>An affinity group of a cluster; VMs are members by name so registration can map groups by name.</summary>
public sealed class SimAffinityGroup
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string ClusterId { get; init; }
    public bool Positive { get; init; } = true;
    public bool Enforcing { get; init; }
    public HashSet<string> VmIds { get; } = new(StringComparer.Ordinal);
    public HashSet<string> HostIds { get; } = new(StringComparer.Ordinal);
}
