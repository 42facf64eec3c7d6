namespace RhvDr.Core.Sites;

/// <summary>A data center (storage pool) with its status.</summary>
public sealed record InventoryDataCenter(string Id, string Name, string Status, string? CompatibilityVersion);
