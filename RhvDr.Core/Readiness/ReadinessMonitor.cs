using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Readiness;

/// <summary>
/// Evaluates readiness every <see cref="ReadinessOptions.Interval"/> and whenever the inventory changes (changes closer
/// than <see cref="ReadinessOptions.MinEvaluationGap"/> are evaluated once), publishes the report to the store, and keeps
/// it in SQLite when something changed or an interval has passed since the last stored result.
/// </summary>
public sealed partial class ReadinessMonitor(
    ReadinessEvaluator evaluator,
    IInventoryStore inventory,
    IReadinessStore store,
    IReadinessHistoryRepository history,
    ReadinessMetrics metrics,
    IOptions<ReadinessOptions> options,
    TimeProvider time,
    ILogger<ReadinessMonitor> logger) : BackgroundService
{
    private readonly Channel<bool> _trigger = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ReadinessReport? _lastStored;

    /// <summary>The metrics this monitor feeds; held so the meter lives as long as the monitor.</summary>
    public ReadinessMetrics Metrics => metrics;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PruneAsync(stoppingToken).ConfigureAwait(false);
        using var subscription = inventory.Subscribe(options.Value.MinEvaluationGap);
        var changes = FollowInventoryAsync(subscription, stoppingToken);
        var ticks = TickAsync(stoppingToken);
        _trigger.Writer.TryWrite(true);
        try
        {
            while (await _trigger.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                _trigger.Reader.TryRead(out _);
                await EvaluateOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        await Task.WhenAll(changes, ticks).ConfigureAwait(false);
    }

    /// <summary>Evaluates now (when both sites have been polled at least once), publishes and stores the result.</summary>
    public async Task EvaluateOnceAsync(CancellationToken cancellationToken)
    {
        var snapshot = inventory.Current;
        if (snapshot.Sites.Count == 0 || snapshot.Sites.Any(s => s.Engine.LastAttempt is null))
        {
            // Before the first poll every check would say "cannot run"; that is not worth a no-go in the history.
            return;
        }
        try
        {
            var report = await evaluator.EvaluateAsync(snapshot, cancellationToken).ConfigureAwait(false);
            report = await StoreAsync(report, cancellationToken).ConfigureAwait(false);
            store.Publish(report);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEvaluationFailed(logger, ex);
        }
    }

    private async Task<ReadinessReport> StoreAsync(ReadinessReport report, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, DateTimeOffset> since = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        try
        {
            if (ShouldStore(report))
            {
                await history.AddAsync(report, cancellationToken).ConfigureAwait(false);
                _lastStored = report;
            }
            since = await history.GetFailingSinceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryFailed(logger, ex);
        }
        return report with
        {
            Findings = report.Findings
                .Select(f => f.IsPass ? f : f with { FailingSince = since.TryGetValue(f.Id, out var t) ? t : report.EvaluatedAt })
                .ToList(),
        };
    }

    private bool ShouldStore(ReadinessReport report)
    {
        var last = _lastStored;
        return last is null
            || report.EvaluatedAt - last.EvaluatedAt >= options.Value.Interval
            || last.Verdict != report.Verdict
            || last.Score != report.Score
            || !last.Findings.Select(f => (f.Id, f.Status)).SequenceEqual(report.Findings.Select(f => (f.Id, f.Status)));
    }

    private async Task FollowInventoryAsync(InventorySubscription subscription, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in subscription.ReadChangesAsync(stoppingToken).ConfigureAwait(false))
            {
                _trigger.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.Interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                _trigger.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task PruneAsync(CancellationToken stoppingToken)
    {
        try
        {
            await history.PruneAsync(time.GetUtcNow().AddDays(-options.Value.RetentionDays), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Readiness evaluation failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness history could not be read or written")]
    private static partial void LogHistoryFailed(ILogger logger, Exception ex);
}
