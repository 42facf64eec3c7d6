using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Audit;
using RhvDr.Core.Notifications;
using RhvDr.Core.Plans;
using RhvDr.Core.Recovery;
using RhvDr.Core.Security;

namespace RhvDr.Core.Drills;

/// <summary>
/// Runs one drill of a recovery plan: a planned test failover of the plan, then, when it succeeded, its cleanup after the
/// plan's <c>cleanup_after_minutes</c>, with nobody watching. A drill never queues: while another run on the plan's domains
/// is active, or a test or failover still holds them at the recovery site, it is skipped with the reason (runs of plans
/// with disjoint domains do not stand in its way). Four-eyes is kept: when test
/// failovers (or cleanups) need a second operator, a drill is skipped unless <see cref="DrillOptions.RunWithoutApproval"/>
/// waives it. Each drill is recorded; a failed or skipped one is audited and sent to the webhooks.
/// </summary>
public sealed partial class DrillRunner(
    IDrillStore store,
    IPlanStore plans,
    IRecoveryRunner runner,
    RecoveryPlanner planner,
    IOptions<SecurityOptions> security,
    IOptions<DrillOptions> options,
    IOptions<RecoveryOptions> recovery,
    DrillClock clock,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<DrillRunner> logger,
    NotificationPublisher? publisher = null) : IAsyncDisposable
{
    /// <summary>The name drills started by the schedule run and are audited under.</summary>
    public const string SchedulerName = "drill-scheduler";

    /// <summary>How a drill of the schedule is recorded: the scheduler as an operator of the console itself.</summary>
    public static Actor SchedulerActor { get; } = new(SchedulerName, Role.Operator, "local");

    /// <summary>The reason a drill due while the console was down is recorded with.</summary>
    public const string ConsoleDownReason = "console was not running";

    private const string WaiverSetting = "RhvDr:Drills:RunWithoutApproval";

    private const string PromptSetting = "RhvDr:Drills:PromptTimeout";

    private readonly ConcurrentDictionary<long, (string Plan, Task Task)> _running = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();

    /// <summary>
    /// Starts a drill of <paramref name="planName"/> due at <paramref name="scheduledAt"/> for <paramref name="by"/>: its
    /// record is running (the test failover has started and the rest follows in the background) or skipped with the reason.
    /// </summary>
    public async Task<DrillStarted> StartAsync(string planName, DateTimeOffset scheduledAt, Actor by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(planName);
        ArgumentNullException.ThrowIfNull(by);
        if (!by.Can(Role.Operator))
        {
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.DrillStart, $"plan {planName}", AuditOutcomes.Denied, Detail: "needs the Operator role to run a drill"), cancellationToken)
                .ConfigureAwait(false);
            by.Require(Role.Operator, "run a drill");
        }

        // One decision at a time: two drills due together must not both pass the checks before either starts its run.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var active = await plans.GetActiveAsync(cancellationToken).ConfigureAwait(false);
            var plan = active?.Document.FindPlan(planName);
            var record = new DrillRecord
            {
                Plan = plan?.Name ?? planName,
                PlanVersion = active?.Info.Version,
                ScheduledAt = scheduledAt,
                RequestedBy = by.Name,
            };
            if (plan is null)
            {
                return await SkipAsync(record, by, $"plan '{planName}' is not in the active plans version{(active is null ? " (there is none)" : $" {active.Info.Version}")}", cancellationToken).ConfigureAwait(false);
            }

            if (await RefusalAsync(plan.Name, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return await SkipAsync(record, by, refusal, cancellationToken).ConfigureAwait(false);
            }

            RunStartResult started;
            try
            {
                started = await runner.StartAsync(Request(RunKind.Test, plan.Name, by), cancellationToken).ConfigureAwait(false);
            }
            catch (RunRequestException ex)
            {
                return await SkipAsync(record, by, $"the test failover was refused: {ex.Message}", cancellationToken).ConfigureAwait(false);
            }

            if (!started.Created)
            {
                return await SkipAsync(record, by, $"{Describe(started.Run)}", cancellationToken).ConfigureAwait(false);
            }

            record = await store.AddAsync(record with
            {
                StartedAt = clock.Now,
                TestRunId = started.Run.Id,
                Reason = $"test failover {started.Run.Id} is running",
            }, cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.DrillStart, $"plan {record.Plan}", AuditOutcomes.Ok,
                Detail: $"drill {record.Id} due {Time(scheduledAt)}: test failover {started.Run.Id}"), cancellationToken).ConfigureAwait(false);
            LogStarted(logger, record.Id, record.Plan, started.Run.Id, by.Name);
            Track(record, plan.Drill ?? new DrillSchedule(), by);
            return new DrillStarted(record);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records a drill that did not run (for the scheduler: one for the occurrences missed while the console was down).</summary>
    public async Task<DrillRecord> RecordSkippedAsync(string plan, int? planVersion, DateTimeOffset scheduledAt, Actor by, string reason, CancellationToken cancellationToken) =>
        (await SkipAsync(new DrillRecord { Plan = plan, PlanVersion = planVersion, ScheduledAt = scheduledAt, RequestedBy = by.Name }, by, reason, cancellationToken).ConfigureAwait(false)).Drill;

    /// <summary>
    /// At start: drills still recorded as running were cut off when the console stopped. They end as failed with what is
    /// left to do; nothing is cleaned up behind an operator's back after a restart.
    /// </summary>
    public async Task CloseInterruptedAsync(CancellationToken cancellationToken)
    {
        foreach (var drill in await store.ListRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_running.ContainsKey(drill.Id))
            {
                continue;
            }

            var left = drill switch
            {
                { CleanupRunId: { } cleanup } => $"check cleanup run {cleanup} and resume it if it did not finish",
                { TestRunId: { } test } => $"check test run {test}; when its test environment is still at the recovery site, start its cleanup",
                _ => "no run was started",
            };
            await FinishAsync(drill, DrillResult.Failed, $"the console stopped during the drill: {left}", SchedulerActor, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Stops following drills in progress: their records stay running and are closed at the next start.</summary>
    public async Task StopAsync()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_running.Values.Select(d => d.Task)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        _gate.Dispose();
    }

    /// <summary>Follows the drill in the background; it is in <see cref="_running"/> before it can end and leave it.</summary>
    private void Track(DrillRecord drill, DrillSchedule schedule, Actor by)
    {
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Task.Run(async () =>
        {
            await registered.Task.ConfigureAwait(false);
            await FollowAsync(drill, schedule, by).ConfigureAwait(false);
        });
        _running[drill.Id] = (drill.Plan, task);
        registered.SetResult();
    }

    private async Task FollowAsync(DrillRecord drill, DrillSchedule schedule, Actor by)
    {
        var cancellation = _lifetime.Token;
        try
        {
            var (test, unanswered) = await WaitForEndAsync(drill.TestRunId!, by, drill, cancellation).ConfigureAwait(false);
            drill = drill with { VmsVerified = test.Vms.Count(v => v.Up), VmsFailed = test.Vms.Count(v => v.Failed) };
            if (unanswered is not null)
            {
                await CleanUpUnansweredAsync(drill, test.Run, unanswered, by, cancellation).ConfigureAwait(false);
                return;
            }

            if (test.Run.Status != RunStatus.Succeeded)
            {
                await FinishAsync(drill, DrillResult.Failed,
                    $"test failover {test.Run.Id} {Words(test.Run.Status)}{(test.Run.Error is null ? "" : $": {test.Run.Error}")}; its test environment is left for inspection: run the cleanup when done",
                    by, cancellation).ConfigureAwait(false);
                return;
            }

            var due = clock.Now + schedule.CleanupAfter;
            drill = drill with { CleanupDueAt = due, Reason = $"test failover {test.Run.Id} succeeded; its test environment is kept until {Time(due)}, then cleaned up" };
            await store.UpdateAsync(drill, cancellation).ConfigureAwait(false);
            await WaitUntilAsync(due, cancellation).ConfigureAwait(false);

            RunStartResult cleanup;
            try
            {
                cleanup = await runner.StartAsync(Request(RunKind.Cleanup, drill.Plan, by), cancellation).ConfigureAwait(false);
            }
            catch (RunRequestException ex)
            {
                await FinishAsync(drill, DrillResult.Failed, $"the cleanup of test failover {test.Run.Id} was refused: {ex.Message}", by, cancellation).ConfigureAwait(false);
                return;
            }

            if (!cleanup.Created)
            {
                await FinishAsync(drill, DrillResult.Failed, $"the cleanup of test failover {test.Run.Id} could not start: {Describe(cleanup.Run)}; clean up by hand when it ends", by, cancellation).ConfigureAwait(false);
                return;
            }

            drill = drill with { CleanupRunId = cleanup.Run.Id, Reason = $"cleanup {cleanup.Run.Id} is running" };
            await store.UpdateAsync(drill, cancellation).ConfigureAwait(false);
            var (cleaned, _) = await WaitForEndAsync(cleanup.Run.Id, by, null, cancellation).ConfigureAwait(false);
            if (cleaned.Run.Status != RunStatus.Succeeded)
            {
                await FinishAsync(drill, DrillResult.Failed,
                    $"cleanup {cleaned.Run.Id} {Words(cleaned.Run.Status)}{(cleaned.Run.Error is null ? "" : $": {cleaned.Run.Error}")}; resume it from the run page",
                    by, cancellation).ConfigureAwait(false);
                return;
            }

            await FinishAsync(drill, DrillResult.Succeeded,
                string.Create(CultureInfo.InvariantCulture, $"test failover {test.Run.Id} succeeded ({drill.VmsVerified} VMs up, {drill.VmsFailed} failed); cleanup {cleaned.Run.Id} removed the test environment"),
                by, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The console is stopping: the record stays running and the next start closes it.
        }
        catch (Exception ex)
        {
            LogFollowFailed(logger, ex, drill.Id, drill.Plan);
            await FinishAsync(drill, DrillResult.Failed, $"the drill stopped following its runs: {ex.Message}", by, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(drill.Id, out _);
        }
    }

    /// <summary>Why a drill of <paramref name="plan"/> cannot start now; null when it can.</summary>
    private async Task<string?> RefusalAsync(string plan, CancellationToken cancellationToken)
    {
        var inProgress = _running.FirstOrDefault(d => string.Equals(d.Value.Plan, plan, StringComparison.OrdinalIgnoreCase));
        if (inProgress.Value.Task is not null)
        {
            return $"drill {inProgress.Key} of plan '{plan}' is still running";
        }

        var fourEyes = security.Value.FourEyes;
        var needs = new[] { RunKind.Test, RunKind.Cleanup }.Where(k => fourEyes.RequiresApproval(k, RunMode.Planned)).ToList();
        if (needs.Count > 0 && !options.Value.RunWithoutApproval)
        {
            return $"{string.Join(" and ", needs.Select(k => k == RunKind.Test ? "test failovers" : "cleanups"))} need a second operator's approval " +
                $"({string.Join(", ", needs.Select(k => $"RhvDr:Security:FourEyes:{k}"))}) and a drill does not wait for one; set {WaiverSetting} to true to let drills start alone";
        }

        // Only runs on the plan's own domains stand in its way: a plan with disjoint domains runs beside others.
        var runs = await runner.ListAsync(50, cancellationToken).ConfigureAwait(false);
        var domains = await planner.PlanDomainsAsync([plan, .. runs.Select(r => r.Plan)], cancellationToken).ConfigureAwait(false);
        var mine = domains.Of(plan);
        var touching = runs.Where(r => RunConcurrency.SamePlan(r.Plan, plan) || RunConcurrency.Overlaps(domains.Of(r.Plan), mine)).ToList();
        if (touching.FirstOrDefault(r => r.IsActive) is { } activeRun)
        {
            return RunConcurrency.IsPlanRun(activeRun) && !RunConcurrency.SamePlan(activeRun.Plan, plan)
                ? $"{Describe(activeRun)} for plan '{activeRun.Plan}', which shares storage domains with plan '{plan}'"
                : Describe(activeRun);
        }

        // The newest run that decides what sits at the recovery site: a test not yet cleaned up, or production after a failover.
        var last = touching.FirstOrDefault(r => r.ShapesTarget);
        return last?.Kind switch
        {
            RunKind.Test => $"test failover {last.Id}{(last.Plan is null ? " of the whole estate" : $" of plan '{last.Plan}'")} has not been cleaned up: its copies hold the domains at {last.TargetSite}; run its cleanup first",
            RunKind.Failover => $"run {last.Id} failover {Words(last.Status)}{(last.Status == RunStatus.Succeeded ? $": production runs at {last.TargetSite}" : "")}; drills start again after the failback",
            _ => null,
        };
    }

    private RunRequest Request(RunKind kind, string plan, Actor by) => new(
        kind, RunMode.Planned, null, null, by, Plan: plan,
        ApprovalWaivedBy: options.Value.RunWithoutApproval ? WaiverSetting : null);

    private async Task<DrillStarted> SkipAsync(DrillRecord record, Actor by, string reason, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var skipped = await store.AddAsync(record with { Result = DrillResult.Skipped, Reason = reason, EndedAt = now }, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.DrillSkipped, $"plan {skipped.Plan}", AuditOutcomes.Failed,
            Detail: $"drill {skipped.Id} due {Time(skipped.ScheduledAt)} skipped: {reason}"), cancellationToken).ConfigureAwait(false);
        publisher?.PublishDrill(NotificationEvents.DrillSkipped, skipped, now);
        LogSkipped(logger, skipped.Id, skipped.Plan, reason);
        return new DrillStarted(skipped);
    }

    private async Task FinishAsync(DrillRecord drill, DrillResult result, string reason, Actor by, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var ended = drill with { Result = result, Reason = reason, EndedAt = now };
        await store.UpdateAsync(ended, cancellationToken).ConfigureAwait(false);
        var ok = result == DrillResult.Succeeded;
        await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.DrillEnd, $"plan {ended.Plan}", ok ? AuditOutcomes.Ok : AuditOutcomes.Failed,
            Detail: $"drill {ended.Id} {Words(result)}: {reason}"), cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            publisher?.PublishDrill(NotificationEvents.DrillFailed, ended, now);
        }

        LogEnded(logger, ended.Id, ended.Plan, result, reason);
    }

    /// <summary>
    /// The run once it has ended (succeeded, failed, cancelled or interrupted), read from the run engine. With a
    /// <paramref name="drill"/>, a run that waits on the same prompt for <see cref="DrillOptions.PromptTimeout"/> (on the
    /// drill clock) is cancelled: nobody watches a drill, so nobody would answer. The drill's record says from the first
    /// sight of the prompt when that happens. The prompt is returned then, null otherwise.
    /// </summary>
    private async Task<(RunDetails Run, string? Unanswered)> WaitForEndAsync(string runId, Actor by, DrillRecord? drill, CancellationToken cancellationToken)
    {
        var poll = recovery.Value.PollInterval;
        poll = poll < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : poll > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : poll;
        (string Prompt, DateTimeOffset Since)? waiting = null;
        string? unanswered = null;
        while (true)
        {
            var details = await runner.GetAsync(runId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"run {runId} is no longer recorded");
            var run = details.Run;
            if (!run.IsActive || run.Status == RunStatus.Interrupted)
            {
                return (details, unanswered);
            }

            if (drill is not null && run is { Status: RunStatus.Waiting, Prompt: { } prompt } && unanswered is null)
            {
                if (waiting is not { } seen || !string.Equals(seen.Prompt, prompt, StringComparison.Ordinal))
                {
                    waiting = (prompt, clock.Now);
                    await store.UpdateAsync(drill with
                    {
                        Reason = $"test failover {runId} waits on a prompt (\"{prompt}\"); the drill cancels it at {Time(clock.Now + options.Value.PromptTimeout)} unless an operator answers it",
                    }, cancellationToken).ConfigureAwait(false);
                }

                if (clock.Now - waiting.Value.Since >= options.Value.PromptTimeout)
                {
                    unanswered = prompt;
                    LogPromptUnanswered(logger, runId, options.Value.PromptTimeout, prompt);
                    await runner.CancelAsync(runId, by, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            else if (waiting is not null && drill is not null)
            {
                // Answered: the record stops announcing a cancellation that will not come.
                waiting = null;
                await store.UpdateAsync(drill, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The drill's test waited on a prompt nobody answered and was cancelled: its cleanup removes whatever the test had
    /// built at the recovery site at once (no one is looking at it), and the drill ends failed, saying which prompt held it.
    /// </summary>
    private async Task CleanUpUnansweredAsync(DrillRecord drill, RecoveryRun test, string prompt, Actor by, CancellationToken cancellation)
    {
        var held = string.Create(CultureInfo.InvariantCulture,
            $"test failover {test.Id} waited {options.Value.PromptTimeout.TotalMinutes:0.#} minutes on a prompt nobody answered (\"{prompt}\"); the drill cancelled it ({PromptSetting})");
        RunStartResult cleanup;
        try
        {
            cleanup = await runner.StartAsync(Request(RunKind.Cleanup, drill.Plan, by), cancellation).ConfigureAwait(false);
        }
        catch (RunRequestException ex)
        {
            await FinishAsync(drill, DrillResult.Failed, $"{held}; its cleanup was refused: {ex.Message}", by, cancellation).ConfigureAwait(false);
            return;
        }

        if (!cleanup.Created)
        {
            await FinishAsync(drill, DrillResult.Failed, $"{held}; its cleanup could not start: {Describe(cleanup.Run)}; clean up by hand when it ends", by, cancellation).ConfigureAwait(false);
            return;
        }

        drill = drill with { CleanupRunId = cleanup.Run.Id, Reason = $"{held}; cleanup {cleanup.Run.Id} is running" };
        await store.UpdateAsync(drill, cancellation).ConfigureAwait(false);
        var (cleaned, _) = await WaitForEndAsync(cleanup.Run.Id, by, null, cancellation).ConfigureAwait(false);
        await FinishAsync(drill, DrillResult.Failed, cleaned.Run.Status == RunStatus.Succeeded
            ? $"{held}; cleanup {cleaned.Run.Id} removed the test environment. Answer the prompt in a drill an operator watches, or take it out of the plan"
            : $"{held}; cleanup {cleaned.Run.Id} {Words(cleaned.Run.Status)}{(cleaned.Run.Error is null ? "" : $": {cleaned.Run.Error}")}; resume it from the run page",
            by, cancellation).ConfigureAwait(false);
    }

    /// <summary>Waits on the drill clock until <paramref name="due"/>; re-checked at least every minute, so a moved clock is noticed.</summary>
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        while (clock.Now < due)
        {
            var wait = due - clock.Now;
            await Task.Delay(wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait, clock.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Describe(RecoveryRun run) => $"run {run.Id} {Words(run.Kind)} is {Words(run.Status)}";

    /// <summary>An enum value as words: <c>AwaitingApproval</c> is "awaiting approval".</summary>
    internal static string Words<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill {DrillId} of plan {Plan} started test failover {RunId} for {RequestedBy}")]
    private static partial void LogStarted(ILogger logger, long drillId, string plan, string runId, string requestedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drill {DrillId} of plan {Plan} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, long drillId, string plan, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill {DrillId} of plan {Plan} ended {Result}: {Reason}")]
    private static partial void LogEnded(ILogger logger, long drillId, string plan, DrillResult result, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drill run {RunId} waited {Timeout} on a prompt nobody answered; cancelling it: {Prompt}")]
    private static partial void LogPromptUnanswered(ILogger logger, string runId, TimeSpan timeout, string prompt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drill {DrillId} of plan {Plan} failed while following its runs")]
    private static partial void LogFollowFailed(ILogger logger, Exception ex, long drillId, string plan);
}
