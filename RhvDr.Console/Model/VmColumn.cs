namespace RhvDr.Console.Model;

/// <summary>Sortable columns of the VMs grid.</summary>
public enum VmColumn
{
    Site,
    Name,
    Status,
    Health,
    Host,
    Cluster,
    HaPriority,
    Memory,
}
