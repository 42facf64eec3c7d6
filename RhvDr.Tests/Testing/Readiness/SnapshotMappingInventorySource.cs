using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Readiness;

/// <summary>
/// Builds a site's mapping inventory from the polled inventory (clusters, data centers, domains, VMs); stands in for the
/// mapping branch's engine-backed source. Networks, affinity and LUNs are left out, so mappings generated from it have none.
/// </summary>
internal sealed class SnapshotMappingInventorySource(IInventoryStore store) : IMappingInventorySource
{
    public Task<MappingInventory> ReadAsync(string site, CancellationToken cancellationToken = default)
    {
        var snapshot = store.Current.Find(site) ?? throw new InvalidOperationException($"No site {site}");
        if (!snapshot.Engine.IsReachable)
        {
            throw new InvalidOperationException($"The {site} engine is unreachable");
        }
        return Task.FromResult(From(snapshot.Inventory));
    }

    public static MappingInventory From(SiteInventory inventory) => new()
    {
        DataCenters = inventory.DataCenters.Select(d => new MappingDataCenter(d.Name, d.CompatibilityVersion)).ToList(),
        Clusters = inventory.Clusters.Select(c => new MappingCluster(c.Name, c.DataCenterName, c.CompatibilityVersion)).ToList(),
        StorageDomains = inventory.StorageDomains.Select(d => new MappingStorageDomain(d.Id, d.Name, d.Type, d.StorageType, d.DataCenterName, d.Status)
        {
            IsMaster = d.IsMaster,
            IsHostedEngine = d.IsHostedEngineStorage,
            Address = d.Address ?? (d.StorageType == "iscsi" ? "iscsi-portal.lab" : null),
            Path = d.Path,
            // The polled inventory has no iSCSI targets; the lab's portal answers on the standard port.
            Port = d.StorageType == "iscsi" ? 3260 : null,
            Targets = d.StorageType == "iscsi" ? [$"iqn.lab:{d.Name}"] : [],
        }).ToList(),
        Vms = inventory.Vms.Select(v => new MappingVm(v.Name, v.ClusterName)
        {
            Status = v.Status,
            StorageDomains = v.StorageDomainNames,
            DeleteProtected = v.DeleteProtected,
        }).ToList(),
    };
}
