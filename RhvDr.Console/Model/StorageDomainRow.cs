using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>One storage domain in the Storage grid, with the replication pair behind it when there is one.</summary>
public sealed record StorageDomainRow(
    string Site,
    string SiteDisplayName,
    string Name,
    string Status,
    HealthLevel Health,
    string Type,
    string StorageType,
    bool IsMaster,
    string? DataCenterName,
    long UsedBytes,
    long AvailableBytes,
    double UsedFraction,
    ReplicationPairStatus? Replication) : IGridRow;
