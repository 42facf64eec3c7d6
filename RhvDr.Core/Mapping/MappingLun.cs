namespace RhvDr.Core.Mapping;

/// <summary>A LUN used by a direct LUN disk, as the hosts see it.</summary>
public sealed record MappingLun(string Id, string? StorageType, string? Address = null, int? Port = null, string? Target = null)
{
    public string? Portal { get; init; }
}
