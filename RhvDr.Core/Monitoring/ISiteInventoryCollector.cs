using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>Reads one site's whole inventory from its engine, or patches it with the objects engine events name.</summary>
public interface ISiteInventoryCollector
{
    /// <summary>Throws the engine errors of <see cref="Ovirt.IEngineClient"/> when the engine cannot be read.</summary>
    Task<SiteInventory> CollectAsync(string site, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="current"/> with only the objects <paramref name="changes"/> names read again; null when only a full read can
    /// tell what changed (the caller then calls <see cref="CollectAsync"/>). A collector that cannot patch always answers null.
    /// </summary>
    Task<SiteInventory?> RefreshAsync(string site, SiteInventory current, InventoryChanges changes, CancellationToken cancellationToken) =>
        Task.FromResult<SiteInventory?>(null);
}
