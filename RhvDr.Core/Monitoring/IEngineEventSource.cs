namespace RhvDr.Core.Monitoring;

/// <summary>Tells the poller cheaply whether an engine has news, and which inventory objects it concerns.</summary>
public interface IEngineEventSource
{
    /// <summary>True when events about hosts, VMs or storage arrived since the last call for <paramref name="site"/>.</summary>
    Task<bool> HasRelevantChangesAsync(string site, CancellationToken cancellationToken);

    /// <summary>
    /// The objects named by events that arrived since the last call for <paramref name="site"/>. A source that cannot attribute
    /// events answers <see cref="InventoryChanges.Unknown"/> for any news, which asks for a full read.
    /// </summary>
    async Task<InventoryChanges> ReadChangesAsync(string site, CancellationToken cancellationToken) =>
        await HasRelevantChangesAsync(site, cancellationToken).ConfigureAwait(false) ? InventoryChanges.Unknown : InventoryChanges.None;
}
