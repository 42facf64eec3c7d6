namespace RhvDr.Core.Mapping;

/// <summary>Where the storage array presents a replicated domain's volume at a site: address and path (file) or target and port (iSCSI).</summary>
public sealed record ReplicaEndpoint(string DomainName, string Site, string? Address, string? Path, string? Target, int? Port);
