namespace RhvDr.Core.Sites;

/// <summary>
/// A VM template as the engine reports it, with the storage domains of each of its disks: a template disk may be copied to
/// several domains, so each disk lists every domain that holds a copy. The Blank template has no disks and is not listed.
/// </summary>
public sealed record InventoryTemplate(string Id, string Name, IReadOnlyList<IReadOnlyList<string>> DiskStorageDomainNames);
