using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// What a batch of engine events says changed at one site: the VMs, hosts and storage domains they name. When an event
/// concerns the inventory but names none of those by id (a data center or cluster event, a removed domain), only a full read
/// can tell what changed: <see cref="Unattributed"/>.
/// </summary>
public sealed record InventoryChanges(
    bool Unattributed,
    IReadOnlySet<string> VmIds,
    IReadOnlySet<string> HostIds,
    IReadOnlySet<string> StorageDomainIds)
{
    public static InventoryChanges None { get; } = new(false, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Something changed that the events do not pin to objects.</summary>
    public static InventoryChanges Unknown { get; } = None with { Unattributed = true };

    public bool IsEmpty => !Unattributed && VmIds.Count == 0 && HostIds.Count == 0 && StorageDomainIds.Count == 0;

    public static InventoryChanges From(IEnumerable<OvirtEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var unattributed = false;
        var vms = new HashSet<string>(StringComparer.Ordinal);
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        var domains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events.Where(EngineEventFollower.IsRelevant))
        {
            var named = false;
            foreach (var (reference, ids) in new[] { (e.Vm, vms), (e.Host, hosts), (e.StorageDomain, domains) })
            {
                if (reference is null)
                {
                    continue;
                }
                named = true;
                if (reference.Id is { Length: > 0 } id)
                {
                    ids.Add(id);
                }
                else
                {
                    unattributed = true;
                }
            }

            // Engines put the data center and cluster on most events; alone, they say something changed but not what.
            unattributed |= !named;
        }
        return new InventoryChanges(unattributed, vms, hosts, domains);
    }
}
