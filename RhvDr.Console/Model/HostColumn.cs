namespace RhvDr.Console.Model;

/// <summary>Sortable columns of the Hosts grid.</summary>
public enum HostColumn
{
    Site,
    Name,
    Status,
    Health,
    Cluster,
    VmsRunning,
    Memory,
}
