namespace RhvDr.Lab.Control;

/// <summary>Body of <c>POST /lab/control/sites/{site}/vms</c>: a VM created now with one disk on <see cref="StorageDomain"/>.</summary>
public sealed record AddVmRequest(string Name, string StorageDomain);
