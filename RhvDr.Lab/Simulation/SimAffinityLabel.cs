namespace RhvDr.Lab.Simulation;

public sealed class SimAffinityLabel
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public HashSet<string> VmIds { get; } = new(StringComparer.Ordinal);
    public HashSet<string> HostIds { get; } = new(StringComparer.Ordinal);
}
