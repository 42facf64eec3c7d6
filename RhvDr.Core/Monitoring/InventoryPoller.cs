using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Data;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// Polls every site concurrently at <see cref="RhvDrOptions.PollInterval"/>. Between polls it follows each engine's events
/// every second: events naming VMs, hosts or storage domains re-read just those objects and patch the site's inventory; news it
/// cannot pin to objects (or too many objects) brings the full poll forward.
/// </summary>
public sealed partial class InventoryPoller(
    IInventoryStore store,
    ISiteInventoryCollector collector,
    IEngineEventSource events,
    IReplicationMonitor replication,
    IHealthSampleRepository samples,
    IOptions<RhvDrOptions> options,
    TimeProvider time,
    ILogger<InventoryPoller> logger) : BackgroundService
{
    /// <summary>How often the events of a connected engine are checked between full polls.</summary>
    public static readonly TimeSpan EventTick = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A full poll brought forward by events waits, after the previous one ended, this many times as long as that one took:
    /// during a storm of changes (a failover registering and starting thousands of VMs) full reads take at most about a
    /// tenth of the time, of the engine and of the console, instead of one per event tick.
    /// </summary>
    public const int ForwardPollSpacing = 10;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var site in options.Value.Sites.Where(s => s.Insecure))
        {
            // Accepting any certificate is an explicit opt-in; say so every start so it is not forgotten in production.
            LogInsecure(logger, site.Name);
        }
        return Task.WhenAll(store.Current.Sites.Select(s => RunSiteAsync(CreatePoller(s.Site), stoppingToken)));
    }

    private SitePoller CreatePoller(Sites.SiteDescriptor site) =>
        new(site, store, collector, replication, samples, new HealthHistory(options.Value.HistoryWindow), time, logger);

    private async Task RunSiteAsync(SitePoller poller, CancellationToken stoppingToken)
    {
        try
        {
            await LoadHistoryAsync(poller, stoppingToken).ConfigureAwait(false);

            // The event follower's first read only learns where the engine's log ends; done before the first poll, a change
            // between that poll and the first event tick is not lost until the next full poll.
            await ReadChangesAsync(poller, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = time.GetUtcNow();
                await poller.PollAsync(stoppingToken).ConfigureAwait(false);
                var ended = time.GetUtcNow();
                await WaitForNextPollAsync(poller, started + options.Value.PollInterval, ended + ((ended - started) * ForwardPollSpacing), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task LoadHistoryAsync(SitePoller poller, CancellationToken stoppingToken)
    {
        try
        {
            var since = time.GetUtcNow() - options.Value.HistoryWindow;
            poller.History.AddRange(await samples.GetRecentAsync(poller.Site.Name, since, stoppingToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryNotLoaded(logger, ex, poller.Site.Name);
        }
        poller.PublishInitial();
    }

    /// <summary>Follows events until <paramref name="due"/>; news that needs a full read ends the wait at <paramref name="earliestForward"/> or later.</summary>
    private async Task WaitForNextPollAsync(SitePoller poller, DateTimeOffset due, DateTimeOffset earliestForward, CancellationToken stoppingToken)
    {
        while (true)
        {
            // Read first, then wait: events that arrived during a full poll (seconds at thousands of VMs) are handled as soon as
            // it ends, not a tick later.
            if (poller.Engine.IsReachable)
            {
                var changes = await ReadChangesAsync(poller, stoppingToken).ConfigureAwait(false);
                if (!changes.IsEmpty && !await poller.TryRefreshAsync(changes, stoppingToken).ConfigureAwait(false))
                {
                    // The full poll reads what these events changed, and whatever changes until it begins.
                    var wait = (earliestForward < due ? earliestForward : due) - time.GetUtcNow();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                    }

                    return;
                }
            }
            var left = due - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return;
            }
            await Task.Delay(left < EventTick ? left : EventTick, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<InventoryChanges> ReadChangesAsync(SitePoller poller, CancellationToken stoppingToken)
    {
        try
        {
            return await events.ReadChangesAsync(poller.Site.Name, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed event read says nothing the next full poll will not say better.
            LogEventsFailed(logger, poller.Site.Name, ex.Message);
            return InventoryChanges.None;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site}: Insecure is set, so any engine certificate is accepted; set CaFile or CaFingerprint instead")]
    private static partial void LogInsecure(ILogger logger, string site);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site}: health history could not be loaded")]
    private static partial void LogHistoryNotLoaded(ILogger logger, Exception ex, string site);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Site {Site}: events could not be read: {Reason}")]
    private static partial void LogEventsFailed(ILogger logger, string site, string reason);
}
