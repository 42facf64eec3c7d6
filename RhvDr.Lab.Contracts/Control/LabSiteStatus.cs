namespace RhvDr.Lab.Control;

/// <summary>One simulated site: its engine URL, whether it is up, and its size.</summary>
public sealed record LabSiteStatus(string Name, string DataCenter, bool Up, string EngineUrl, int Hosts, int HostsDown, int StorageDomains, int Vms);
