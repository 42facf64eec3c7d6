namespace RhvDr.Core.Mapping;

/// <summary>A cluster; registration at the recovery site needs the same compatibility version (major.minor).</summary>
public sealed record MappingCluster(string Name, string? DataCenter, string? CompatibilityVersion);
