namespace RhvDr.Lab.Simulation;

public sealed class SimTemplate
{
    public const string BlankId = "00000000-0000-0000-0000-000000000000";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? ClusterId { get; set; }
    public long MemoryBytes { get; init; } = 1L << 30;
    public int Cpus { get; init; } = 1;
    public string OsType { get; init; } = "other";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Domain holding the template's disk; null for Blank.</summary>
    public string? StorageDomainId { get; init; }

    public SimTemplate CloneDefinition() => new()
    {
        Id = Id, Name = Name, ClusterId = ClusterId, MemoryBytes = MemoryBytes, Cpus = Cpus, OsType = OsType,
        CreatedAt = CreatedAt, StorageDomainId = StorageDomainId,
    };
}
