namespace RhvDr.Core.Mapping;

/// <summary>An affinity group; the engine scopes them by cluster, the role maps them by name.</summary>
public sealed record MappingAffinityGroup(string Name, string? Cluster);
