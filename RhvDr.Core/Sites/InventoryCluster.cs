namespace RhvDr.Core.Sites;

/// <summary>A cluster and the compatibility version DR mapping must match.</summary>
public sealed record InventoryCluster(string Id, string Name, string? DataCenterName, string? CompatibilityVersion);
