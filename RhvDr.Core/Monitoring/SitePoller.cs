using RhvDr.Core.Configuration;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Data;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Replication;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// Polls one site and publishes its snapshot. When a poll fails, the snapshot says why but keeps the last good inventory,
/// so in a disaster operators still see what was running (its age is <see cref="EngineState.LastSuccess"/>).
/// </summary>
public sealed partial class SitePoller(
    SiteDescriptor site,
    IInventoryStore store,
    ISiteInventoryCollector collector,
    IReplicationMonitor replication,
    IHealthSampleRepository samples,
    HealthHistory history,
    TimeProvider time,
    ILogger logger)
{
    private SiteInventory _inventory = SiteInventory.Empty;
    private DateTimeOffset? _lastSuccess;
    private IReadOnlyList<ReplicationPairStatus> _replication = [];

    public SiteDescriptor Site { get; } = site;

    public HealthHistory History { get; } = history;

    /// <summary>The outcome of the last poll.</summary>
    public EngineState Engine { get; private set; } = EngineState.NotPolled;

    /// <summary>Publishes the site with the history loaded so far, before the first poll.</summary>
    public void PublishInitial() => store.Publish(new SiteSnapshot(Site, Engine, _inventory, _replication, History.ToList()));

    /// <summary>Reads the engine and the replication pairs once, records a health sample and publishes the snapshot.</summary>
    public async Task<SiteSnapshot> PollAsync(CancellationToken cancellationToken)
    {
        Engine = await CollectAsync(cancellationToken).ConfigureAwait(false);
        await ReadReplicationAsync(cancellationToken).ConfigureAwait(false);

        var health = SiteHealth.From(Engine, _inventory, _replication);
        var sample = new HealthSample(
            Site.Name,
            Engine.LastAttempt ?? time.GetUtcNow(),
            Engine.IsReachable,
            health.Level,
            health.HostsUp,
            health.HostsTotal,
            health.DomainsActive,
            health.DomainsTotal,
            health.VmsUp,
            health.VmsTotal);
        History.Add(sample);
        try
        {
            await samples.AddAsync(sample, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Losing a history point must not stop the live view.
            LogSampleNotSaved(logger, ex, Site.Name);
        }

        var snapshot = new SiteSnapshot(Site, Engine, _inventory, _replication, History.ToList());
        store.Publish(snapshot);
        return snapshot;
    }

    /// <summary>
    /// Patches the inventory with only the objects <paramref name="changes"/> names and publishes it, without a health sample
    /// (history keeps one point per poll). False when a full poll is needed instead: the collector cannot attribute the changes,
    /// or the engine failed mid-way (the full poll then reports how).
    /// </summary>
    public async Task<bool> TryRefreshAsync(InventoryChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!Engine.IsReachable || changes.Unattributed)
        {
            return false;
        }
        SiteInventory? patched;
        try
        {
            patched = await collector.RefreshAsync(Site.Name, _inventory, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefreshFailed(logger, Site.Name, ex.Message);
            return false;
        }
        if (patched is null)
        {
            return false;
        }
        _inventory = patched;
        store.Publish(new SiteSnapshot(Site, Engine, _inventory, _replication, History.ToList()));
        return true;
    }

    private async Task<EngineState> CollectAsync(CancellationToken cancellationToken)
    {
        string? message;
        EngineConnectionStatus status;
        try
        {
            _inventory = SiteInventoryReuse.Apply(_inventory, await collector.CollectAsync(Site.Name, cancellationToken).ConfigureAwait(false));
            var now = time.GetUtcNow();
            _lastSuccess = now;
            return new EngineState(EngineConnectionStatus.Connected, null, now, now);
        }
        catch (EngineException ex)
        {
            status = StatusOf(ex.Kind);
            message = ex.Sentence;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            status = EngineConnectionStatus.Faulted;
            message = $"Reading the engine of site {Site.Name} failed unexpectedly ({ex.GetType().Name}); the console's log has the details.";
            LogPollFailed(logger, ex, Site.Name);
        }
        if (Engine.Status != status)
        {
            LogEngineState(logger, Site.Name, status, message);
        }
        return new EngineState(status, message, time.GetUtcNow(), _lastSuccess);
    }

    private static EngineConnectionStatus StatusOf(EngineFailureKind kind) => kind switch
    {
        EngineFailureKind.Unreachable or EngineFailureKind.Timeout or EngineFailureKind.Tls => EngineConnectionStatus.Unreachable,
        EngineFailureKind.SignInRefused or EngineFailureKind.AccessDenied => EngineConnectionStatus.AuthenticationFailed,
        _ => EngineConnectionStatus.Faulted,
    };

    private async Task ReadReplicationAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pairs = await replication.GetPairsAsync(cancellationToken).ConfigureAwait(false);
            // An embedded array may name the site as its own engine does (the NAME of SCHEME:NAME).
            var embeddedName = Site.IsEmbedded && EmbeddedEngineAddress.TryParse(Site.EngineUrl, out var address) ? address.Name : null;
            _replication = pairs.Where(p => Involves(p, Site.Name) || (embeddedName is not null && Involves(p, embeddedName))).ToList();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Keep the last known pairs: replication status is about the array, not the engine.
            LogReplicationFailed(logger, ex, Site.Name);
        }
    }

    private static bool Involves(ReplicationPairStatus pair, string site) =>
        string.Equals(pair.SourceSite, site, StringComparison.OrdinalIgnoreCase) || string.Equals(pair.TargetSite, site, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site}: engine is now {Status}: {Message}")]
    private static partial void LogEngineState(ILogger logger, string site, EngineConnectionStatus status, string? message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Site {Site}: polling failed unexpectedly")]
    private static partial void LogPollFailed(ILogger logger, Exception ex, string site);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site}: replication status could not be read")]
    private static partial void LogReplicationFailed(ILogger logger, Exception ex, string site);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Site {Site}: changed objects could not be read, reading the whole site: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string site, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site}: health sample not saved")]
    private static partial void LogSampleNotSaved(ILogger logger, Exception ex, string site);
}
