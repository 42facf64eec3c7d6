namespace RhvDr.Console.Model;

/// <summary>Sortable columns of the Storage grid.</summary>
public enum StorageColumn
{
    Site,
    Name,
    Status,
    Health,
    StorageType,
    Used,
    Free,
    ReplicationLag,
}
