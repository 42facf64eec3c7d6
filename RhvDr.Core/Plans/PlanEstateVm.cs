namespace RhvDr.Core.Plans;

/// <summary>A primary-site VM and the storage domains its disks are on.</summary>
public sealed record PlanEstateVm(string Name, IReadOnlyList<string> StorageDomains);
