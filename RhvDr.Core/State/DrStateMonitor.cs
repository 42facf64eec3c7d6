using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Incidents;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Recovery;

namespace RhvDr.Core.State;

/// <summary>
/// Recomputes the DR state whenever the inventory, the incident board or a run changes, at most every
/// <see cref="MinInterval"/>, and publishes it to the store. Runs are read from the run store only after a run event.
/// </summary>
public sealed partial class DrStateMonitor(
    IInventoryStore inventory,
    IIncidentStore incidents,
    IRunStore runs,
    IRunNotifier notifier,
    IDrStateStore store,
    IOptions<RhvDrOptions> options,
    TimeProvider time,
    ILogger<DrStateMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(200);
    private const int RecentRuns = 50;

    private readonly Channel<bool> _trigger = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private volatile bool _runsChanged = true;
    private IReadOnlyList<RecoveryRun> _runs = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var inventorySubscription = inventory.Subscribe(MinInterval);
        using var incidentSubscription = incidents.Subscribe(MinInterval);
        using var runSubscription = notifier.SubscribeAll();
        var follows = Task.WhenAll(
            FollowAsync(inventorySubscription.ReadChangesAsync(stoppingToken)),
            FollowAsync(incidentSubscription.ReadChangesAsync(stoppingToken)),
            FollowRunsAsync(runSubscription, stoppingToken));
        _trigger.Writer.TryWrite(true);
        try
        {
            while (await _trigger.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                _trigger.Reader.TryRead(out _);
                await ComputeOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(MinInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        await follows.ConfigureAwait(false);
    }

    /// <summary>Computes the state from what the stores hold now and publishes it.</summary>
    public async Task ComputeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_runsChanged)
            {
                _runsChanged = false;
                _runs = await runs.ListRunsAsync(RecentRuns, cancellationToken).ConfigureAwait(false);
            }
            store.Publish(DrStateRules.Compute(inventory.Current, incidents.Current, _runs, options.Value.Topology));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next change tries again; the banner keeps the last state meanwhile.
            _runsChanged = true;
            LogComputeFailed(logger, ex);
        }
    }

    private async Task FollowAsync<T>(IAsyncEnumerable<T> changes)
    {
        try
        {
            await foreach (var _ in changes.ConfigureAwait(false))
            {
                _trigger.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task FollowRunsAsync(RunSubscription subscription, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in subscription.ReadBatchesAsync(stoppingToken).ConfigureAwait(false))
            {
                _runsChanged = true;
                _trigger.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The DR state could not be computed; the next change retries")]
    private static partial void LogComputeFailed(ILogger logger, Exception ex);
}
