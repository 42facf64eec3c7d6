namespace RhvDr.Core.Mapping;

/// <summary>A VM and every object it uses that the mapping must cover to register it at the other site.</summary>
public sealed record MappingVm(string Name, string? Cluster)
{
    public string? Status { get; init; }

    public IReadOnlyList<string> StorageDomains { get; init; } = [];

    public IReadOnlyList<MappingVnicProfile> VnicProfiles { get; init; } = [];

    public IReadOnlyList<string> AffinityGroups { get; init; } = [];

    public IReadOnlyList<string> AffinityLabels { get; init; } = [];

    public IReadOnlyList<string> LunIds { get; init; } = [];

    public bool DeleteProtected { get; init; }

    public bool InSnapshotPreview { get; init; }
}
