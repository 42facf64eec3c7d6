using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Plans;

namespace RhvDr.Core.Drills;

/// <summary>
/// Starts the drills of the active plans version at their cron times (<see cref="DrillClock"/>). Every scan looks at the
/// occurrences since the last scan, so a plan saved between two scans still drills at its time, and sleeps until the next
/// occurrence (at most a minute, so new plans are seen). At start it closes drills cut off by the last stop and records one
/// skipped drill per plan whose occurrence fell while the console was not running; the backlog is never run.
/// </summary>
public sealed partial class DrillScheduler(
    DrillRunner drills,
    IPlanStore plans,
    IDrillStore store,
    DrillClock clock,
    IOptions<DrillOptions> options,
    ILogger<DrillScheduler> logger) : BackgroundService
{
    /// <summary>The longest the scheduler sleeps before it reads the plans again.</summary>
    public static readonly TimeSpan RescanInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var lastScan = clock.Now;
        try
        {
            await drills.CloseInterruptedAsync(stoppingToken).ConfigureAwait(false);
            await RecordMissedAsync(lastScan, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogScanFailed(logger, ex);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.Now;
            var wait = RescanInterval;
            try
            {
                foreach (var (plan, _, calendar) in await ScheduledAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (calendar.LastDue(lastScan, now) is { } due)
                    {
                        await drills.StartAsync(plan, due, DrillRunner.SchedulerActor, stoppingToken).ConfigureAwait(false);
                    }

                    if (calendar.Next(now) is { } next && next - now < wait)
                    {
                        wait = next - now;
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(logger, ex);
            }

            lastScan = now;
            try
            {
                await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, clock.Time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await drills.StopAsync().ConfigureAwait(false);
    }

    /// <summary>The plans of the active version with a drill schedule that parses (the validator refuses the others).</summary>
    private async Task<IReadOnlyList<(string Plan, int Version, DrillCalendar Calendar)>> ScheduledAsync(CancellationToken cancellationToken)
    {
        var active = await plans.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        if (active is null)
        {
            return [];
        }

        return [.. active.Document.Plans
            .Where(p => p.Drill is not null)
            .Select(p => (p.Name, active.Info.Version, Calendar: DrillCalendar.TryCreate(p.Drill!, out _)))
            .Where(p => p.Calendar is not null)
            .Select(p => (p.Name, p.Version, p.Calendar!))];
    }

    private async Task RecordMissedAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var active = await plans.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (plan, version, calendar) in await ScheduledAsync(cancellationToken).ConfigureAwait(false))
        {
            // Occurrences after the last one recorded (or after the version was saved) and before this start were missed.
            var since = await store.GetLastScheduledAsync(plan, cancellationToken).ConfigureAwait(false) is { } last && last > active!.Info.SavedAt
                ? last
                : active!.Info.SavedAt;
            if (calendar.LastDue(since, startedAt) is { } missed)
            {
                await drills.RecordSkippedAsync(plan, version, missed, DrillRunner.SchedulerActor, DrillRunner.ConsoleDownReason, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled drills are off (RhvDr:Drills:Enabled is false); drills run only when an operator asks")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The drill scheduler could not read the plans or start a drill; it tries again at the next scan")]
    private static partial void LogScanFailed(ILogger logger, Exception ex);
}
