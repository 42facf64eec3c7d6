namespace RhvDr.Core.Ovirt;

/// <summary>A host's or VM's CPU.</summary>
public sealed record OvirtCpu
{
    public string? Name { get; init; }

    public OvirtCpuTopology? Topology { get; init; }
}
