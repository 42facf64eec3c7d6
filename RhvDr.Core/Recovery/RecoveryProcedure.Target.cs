using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery;

/// <summary>Where the target side recovers into: its data center and default cluster.</summary>
public sealed partial class RecoveryProcedure
{
    private OvirtDataCenter TargetDataCenter(IReadOnlyList<OvirtDataCenter> dataCenters)
    {
        var mapped = plan.Mapping?.ImportStorages.Select(s => s.Side(plan.TargetSide).DcName).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return dataCenters.FirstOrDefault(d => mapped is not null && d.Name == mapped)
            ?? dataCenters.FirstOrDefault(d => d.Status == "up")
            ?? dataCenters.FirstOrDefault()
            ?? throw new InvalidOperationException($"The {Target} engine has no data center to recover into.");
    }

    /// <summary>The cluster VMs and templates register into when the mapping names none: the first cluster of the target data center.</summary>
    private OvirtCluster TargetCluster(OvirtDataCenter dc, IReadOnlyList<OvirtCluster> clusters)
    {
        var mapped = plan.Mapping?.Clusters.Select(c => c.Name(plan.TargetSide)).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return clusters.FirstOrDefault(c => mapped is not null && c.Name == mapped)
            ?? clusters.FirstOrDefault(c => c.DataCenter?.Id == dc.Id)
            ?? throw new InvalidOperationException($"Data center {dc.Name} at {Target} has no cluster to register VMs into.");
    }
}
