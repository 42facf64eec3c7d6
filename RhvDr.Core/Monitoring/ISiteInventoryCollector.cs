using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>Reads one site's whole inventory from its engine.</summary>
public interface ISiteInventoryCollector
{
    /// <summary>Throws the engine errors of <see cref="Ovirt.IEngineClient"/> when the engine cannot be read.</summary>
    Task<SiteInventory> CollectAsync(string site, CancellationToken cancellationToken);
}
