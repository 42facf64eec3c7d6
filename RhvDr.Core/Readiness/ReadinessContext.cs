using RhvDr.Core.Mapping;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Readiness;

/// <summary>
/// Everything the checks of one evaluation look at: the inventory snapshot, the replication pairs the primary sends,
/// and (read once, on first use) the mapping and the recovery history.
/// </summary>
public sealed class ReadinessContext
{
    private readonly ReadinessSources _sources;
    private Task<MappingState>? _mapping;
    private Task<TestFailoverRecord?>? _lastTest;

    public ReadinessContext(InventorySnapshot inventory, ReadinessOptions options, ReadinessSources sources, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        Inventory = inventory;
        Options = options;
        _sources = sources;
        Now = now;
        Primary = inventory.Sites.FirstOrDefault(s => s.Site.Role == SiteRole.Primary);
        Recovery = inventory.Sites.FirstOrDefault(s => s.Site.Role == SiteRole.Recovery);
        ProtectedPairs = inventory.Sites
            .SelectMany(s => s.Replication)
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(p => p.DomainName, StringComparer.Ordinal)
            .ToList();
    }

    public InventorySnapshot Inventory { get; }

    public ReadinessOptions Options { get; }

    public DateTimeOffset Now { get; }

    public SiteSnapshot? Primary { get; }

    public SiteSnapshot? Recovery { get; }

    /// <summary>Every replication pair either site reports, once each.</summary>
    public IReadOnlyList<ReplicationPairStatus> ProtectedPairs { get; }

    /// <summary>Names of the primary domains that are replicated: the VMs on them are the protected VMs.</summary>
    public IReadOnlySet<string> ProtectedDomainNames => ProtectedPairs.Select(p => p.DomainName).ToHashSet(StringComparer.Ordinal);

    /// <summary>Primary VMs with a disk on a replicated domain.</summary>
    public IReadOnlyList<InventoryVm> ProtectedVms
    {
        get
        {
            var domains = ProtectedDomainNames;
            return Primary?.Inventory.Vms.Where(v => v.StorageDomainNames.Any(domains.Contains)).ToList() ?? [];
        }
    }

    public IRecoveryHistory History => _sources.History;

    public Task<TestFailoverRecord?> GetLastTestFailoverAsync(CancellationToken cancellationToken) =>
        _lastTest ??= _sources.History.GetLastTestFailoverAsync(cancellationToken);

    /// <summary>The active mapping and both mapping inventories (a primary that does not answer: the last one read), read once per evaluation.</summary>
    public Task<MappingState> GetMappingAsync(CancellationToken cancellationToken) =>
        _mapping ??= ReadMappingAsync(cancellationToken);

    private async Task<MappingState> ReadMappingAsync(CancellationToken cancellationToken)
    {
        if (_sources.MappingStore is null)
        {
            return new MappingState(null, null, null, "no mapping saved (the mapping store is not available)", "Create and save the DR mapping on the Mapping page.");
        }
        var mapping = await _sources.MappingStore.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        if (mapping is null)
        {
            return new MappingState(null, null, null, "no mapping saved", "Create the DR mapping on the Mapping page and save a version without errors.");
        }
        if (_sources.MappingInventory is null)
        {
            return new MappingState(mapping, null, null, "the engines' mapping inventory cannot be read (no inventory source)", "Update the console: this build cannot read the objects the mapping refers to.");
        }
        if (Primary is null || Recovery is null)
        {
            return new MappingState(mapping, null, null, "both a primary and a recovery site must be configured", "Configure RhvDr:Sites with one Primary and one Recovery site.");
        }
        // A primary the poller found down is not read again (each read would wait for the engine's timeout): readiness asks
        // what a failover would meet if the primary were lost now, so its side is checked against the last inventory read.
        LastMappingInventory? lastPrimary = null;
        if (Primary.Engine.Status != EngineConnectionStatus.Unknown && !Primary.Engine.IsReachable)
        {
            lastPrimary = _sources.LastRead?.Find(Primary.Site.Name);
            if (lastPrimary is null)
            {
                return new MappingState(mapping, null, null,
                    $"the primary engine does not answer ({Primary.Engine.Message ?? Primary.Engine.Status.ToString()}) and the console has not read it since it started (the last inventory is kept in memory only, not across restarts)",
                    "Bring the primary engine back to check the mapping against it. A disaster failover goes ahead without it: its preflight checks the recovery side live.");
            }
        }

        try
        {
            var primary = lastPrimary?.Inventory ?? await _sources.MappingInventory.ReadAsync(Primary.Site.Name, cancellationToken).ConfigureAwait(false);
            var recovery = await _sources.MappingInventory.ReadAsync(Recovery.Site.Name, cancellationToken).ConfigureAwait(false);
            return new MappingState(mapping, primary, recovery, null, null) { PrimaryLastRead = lastPrimary };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new MappingState(mapping, null, null, $"the engines could not be read to check the mapping ({ex.Message})", "Bring both engines back and check the console's credentials for them.");
        }
    }
}
