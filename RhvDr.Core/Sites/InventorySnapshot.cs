namespace RhvDr.Core.Sites;

/// <summary>All sites at one moment. Immutable: the store swaps a new one in on every change.</summary>
public sealed record InventorySnapshot(IReadOnlyList<SiteSnapshot> Sites, long Version)
{
    public static InventorySnapshot Empty { get; } = new([], 0);

    public SiteSnapshot? Find(string siteName) =>
        Sites.FirstOrDefault(s => string.Equals(s.Site.Name, siteName, StringComparison.OrdinalIgnoreCase));
}
