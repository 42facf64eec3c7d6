namespace RhvDr.Core.Mapping;

/// <summary>A data center as mapping validation and generation need it.</summary>
public sealed record MappingDataCenter(string Name, string? Version = null);
