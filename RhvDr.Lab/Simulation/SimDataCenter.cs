namespace RhvDr.Lab.Simulation;

/// <summary>A data center (storage pool). Storage operations in it serialize on <see cref="SpmQueue"/>, as the SPM does.</summary>
public sealed class SimDataCenter
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Status { get; set; } = "up";
    public int VersionMajor { get; init; } = 4;
    public int VersionMinor { get; init; } = 7;
    public SemaphoreSlim SpmQueue { get; } = new(1, 1);
}
