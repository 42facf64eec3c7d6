namespace RhvDr.Core.Ovirt;

/// <summary>Sockets, cores and threads of a host or a VM.</summary>
public sealed record OvirtCpuTopology
{
    public int? Sockets { get; init; }

    public int? Cores { get; init; }

    public int? Threads { get; init; }
}
