namespace RhvDr.Lab.Control;

/// <summary>Stages disasters in the lab: what the console's Lab panel and tests drive. Implemented over HTTP by <c>LabControlClient</c>.</summary>
public interface ILabControl
{
    Task<LabStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>The whole site goes dark: its engine stops answering and its hosts become non_responsive.</summary>
    Task SetSiteDownAsync(string site, CancellationToken cancellationToken = default);

    /// <summary>The site comes back: engine answers, hosts reconnect.</summary>
    Task SetSiteUpAsync(string site, CancellationToken cancellationToken = default);

    /// <summary>One host stops answering (non_responsive) or comes back (up).</summary>
    Task SetHostDownAsync(string site, string host, bool down, CancellationToken cancellationToken = default);

    /// <summary>API error rate and added latency on every engine.</summary>
    Task SetFaultsAsync(LabFaults faults, CancellationToken cancellationToken = default);
}
