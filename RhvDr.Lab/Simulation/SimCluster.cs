namespace RhvDr.Lab.Simulation;

public sealed class SimCluster
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string DataCenterId { get; init; }
    public string CpuType { get; init; } = "Intel Cascadelake Server Family";
    public int VersionMajor { get; init; } = 4;
    public int VersionMinor { get; init; } = 7;
}
