namespace RhvDr.Core.Monitoring;

/// <summary>Tells the poller cheaply whether an engine has news worth a full refresh.</summary>
public interface IEngineEventSource
{
    /// <summary>True when events about hosts, VMs or storage arrived since the last call for <paramref name="site"/>.</summary>
    Task<bool> HasRelevantChangesAsync(string site, CancellationToken cancellationToken);
}
