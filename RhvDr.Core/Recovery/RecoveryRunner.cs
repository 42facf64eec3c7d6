using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Audit;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Readiness;
using RhvDr.Core.Replication;
using RhvDr.Core.Security;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Starts, resumes and steers runs. Between two sites, runs of recovery plans whose storage domains are disjoint run at once;
/// otherwise one at a time (<see cref="RunConcurrency"/>): a start while a run of the whole estate or of the same plan is
/// active returns that run instead, and a plan sharing a domain with an active plan run is refused in words. The check and
/// the insert happen under one gate, so two concurrent starts never both pass.
/// Runs that <see cref="FourEyesOptions"/> names wait for a second operator's approval before they start. Every
/// decision (start, approve, reject, confirm, pause, cancel, resume) is written to the audit trail with who and from where.
/// </summary>
public sealed class RecoveryRunner(
    IRunStore store,
    IRunNotifier notifier,
    RecoveryPlanner planner,
    RunAdmission admission,
    RunProcedures procedures,
    TimeProvider time,
    ILogger<RecoveryRunner> logger,
    IAuditTrail audit) : IRecoveryRunner, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, (RunContext Context, Task Task)> _executing = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();

    /// <summary>The primary-side domains each executing plan run resolved when it began, by run id.</summary>
    private readonly ConcurrentDictionary<string, (string Plan, IReadOnlySet<string> Domains)> _holding = new(StringComparer.Ordinal);

    public async Task<RunStartResult> StartAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RequireOperatorAsync(request.RequestedBy, AuditActions.RunStart, Text(request.Kind), $"start a {Text(request.Kind)}", cancellationToken).ConfigureAwait(false);
        var (source, target) = admission.Sites(request, await store.ListRunsAsync(50, cancellationToken).ConfigureAwait(false));
        var plan = await admission.PlanAsync(request, cancellationToken).ConfigureAwait(false);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var active = await ActiveRunsAsync(source, target, null, cancellationToken).ConfigureAwait(false);
            if (active.FirstOrDefault(r => !RunConcurrency.IsPlanRun(r)) is { } estate)
            {
                // A run of the whole estate holds every domain: whatever is asked meanwhile gets that run.
                return new RunStartResult(estate, false);
            }

            var derived = request.Kind is RunKind.Cleanup or RunKind.Failback;
            if (active.Count > 0 || derived)
            {
                // As the engine knows them now: a cleanup that has just ended counts as done before its row is saved.
                IReadOnlyList<RecoveryRun> recent = derived ? [.. (await store.ListRunsAsync(50, cancellationToken).ConfigureAwait(false)).Select(Live)] : [];
                var domains = await DomainsAsync([plan, .. active.Select(r => r.Plan), .. recent.Select(r => r.Plan)], active, cancellationToken).ConfigureAwait(false);
                if (derived)
                {
                    plan = RunAdmission.CheckCleanup(request, plan, source, target, recent, domains);
                    plan = RunAdmission.FailbackPlan(request, plan, source, target, recent);
                }

                if (RunConcurrency.FindOverlap(plan, active, domains) is { } overlap)
                {
                    if (overlap.Kind == RunOverlapKind.SharedDomains)
                    {
                        throw new RunRequestException(RunConcurrency.StartRefusal(plan!, overlap), conflict: true);
                    }

                    return new RunStartResult(overlap.Active, false);
                }
            }

            var run = admission.NewRun(request, source, target, plan);
            var needsApproval = run.Status == RunStatus.AwaitingApproval;
            await store.SaveRunAsync(run, cancellationToken).ConfigureAwait(false);
            await AuditAsync(request.RequestedBy, AuditActions.RunStart, run, AuditOutcomes.Ok,
                $"{Describe(run)}{(run.OverrideReason is null ? "" : $"; override: {run.OverrideReason}")}{(needsApproval ? "; awaiting a second operator's approval" : "")}", cancellationToken).ConfigureAwait(false);
            if (needsApproval)
            {
                run = await PublishStatusAsync(run, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Launch(new RunDetails(run, [], [], []));
            }
            return new RunStartResult(run, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<RecoveryRun> ApproveAsync(string id, Actor by, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await RequireOperatorAsync(by, AuditActions.RunApprove, id, "approve runs", cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var run = await RequireAwaitingApprovalAsync(id, by, reason, AuditActions.RunApprove, cancellationToken).ConfigureAwait(false);
            await RequireRoomAsync(run, "approving", cancellationToken).ConfigureAwait(false);
            var approved = run.Approve(by.Name, reason, time.GetUtcNow());
            await store.SaveRunAsync(approved, cancellationToken).ConfigureAwait(false);
            await AuditAsync(by, AuditActions.RunApprove, approved, AuditOutcomes.Ok, $"{Describe(approved)} requested by {approved.RequestedBy}; reason: {approved.ApprovalReason}", cancellationToken).ConfigureAwait(false);
            Launch(new RunDetails(approved, [], [], []));
            return approved;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<RecoveryRun> RejectAsync(string id, Actor by, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await RequireOperatorAsync(by, AuditActions.RunReject, id, "reject runs", cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var run = await RequireAwaitingApprovalAsync(id, by, reason, AuditActions.RunReject, cancellationToken).ConfigureAwait(false);
            var rejected = run.Reject(by.Name, reason, time.GetUtcNow());
            await store.SaveRunAsync(rejected, cancellationToken).ConfigureAwait(false);
            await AuditAsync(by, AuditActions.RunReject, rejected, AuditOutcomes.Ok, $"{Describe(rejected)} requested by {rejected.RequestedBy}; reason: {reason.Trim()}", cancellationToken).ConfigureAwait(false);
            return await PublishStatusAsync(rejected, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Continues an interrupted or failed run from its first unfinished step.</summary>
    public async Task<RecoveryRun> ResumeAsync(string id, Actor by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await RequireOperatorAsync(by, AuditActions.RunResume, id, "resume runs", cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The engine first, the store after: a run that has just failed may still be winding down and saving.
            if (_executing.TryGetValue(id, out var execution))
            {
                if (execution.Context.Run is { IsActive: true, Status: not RunStatus.Interrupted } live && live.ResumeRefusal() is { } refusal)
                {
                    throw new RunRequestException(refusal);
                }

                await execution.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var details = await store.GetDetailsAsync(id, 300, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);

            if (details.Run.ResumeRefusal() is { } notResumable)
            {
                throw new RunRequestException(notResumable);
            }

            await RequireRoomAsync(details.Run, "resuming", cancellationToken).ConfigureAwait(false);

            // Steps running side by side may have logged after the run row was last saved: continue after the highest
            // number already written, so the resumed run never hands out a sequence number twice.
            var lastLogged = details.Log.Count == 0 ? 0 : details.Log.Max(l => l.Sequence);
            if (lastLogged > details.Run.LastSequence)
            {
                details = details with { Run = details.Run with { LastSequence = lastLogged } };
            }

            Launch(details);
            await AuditAsync(by, AuditActions.RunResume, details.Run, AuditOutcomes.Ok, $"{Describe(details.Run)} was {Text(details.Run.Status)}", cancellationToken).ConfigureAwait(false);
            return details.Run;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<RecoveryRun> ConfirmAsync(string id, Actor by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await RequireOperatorAsync(by, AuditActions.RunConfirm, id, "confirm run prompts", cancellationToken).ConfigureAwait(false);
        if (_executing.TryGetValue(id, out var execution))
        {
            var prompt = execution.Context.Run.Prompt;
            if (execution.Context.Confirm())
            {
                await AuditAsync(by, AuditActions.RunConfirm, execution.Context.Run, AuditOutcomes.Ok, prompt, cancellationToken).ConfigureAwait(false);
                return execution.Context.Run;
            }
        }

        var run = await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        throw new RunRequestException($"Run {id} is {Text(run.Status)} and is not waiting for a confirmation.");
    }

    public async Task<RecoveryRun> PauseAsync(string id, Actor by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await RequireOperatorAsync(by, AuditActions.RunPause, id, "pause runs", cancellationToken).ConfigureAwait(false);
        if (_executing.TryGetValue(id, out var execution))
        {
            execution.Context.RequestPause();
            await execution.Context.LogAsync(RunLogLevel.Info, $"Pause requested by {by.Name}; the run stops at the next safe point.", cancellationToken).ConfigureAwait(false);
            await AuditAsync(by, AuditActions.RunPause, execution.Context.Run, AuditOutcomes.Ok, null, cancellationToken).ConfigureAwait(false);
            return execution.Context.Run;
        }

        var run = await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        throw new RunRequestException($"Run {id} is {Text(run.Status)}; only a running run can be paused.");
    }

    public async Task<RecoveryRun> CancelAsync(string id, Actor by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await RequireOperatorAsync(by, AuditActions.RunCancel, id, "cancel runs", cancellationToken).ConfigureAwait(false);
        if (_executing.TryGetValue(id, out var execution))
        {
            await execution.Context.LogAsync(RunLogLevel.Warning, $"Cancel requested by {by.Name}; the run stops at the next safe point.", cancellationToken).ConfigureAwait(false);
            execution.Context.RequestCancel();
            await execution.Task.ConfigureAwait(false);
            await AuditAsync(by, AuditActions.RunCancel, execution.Context.Run, AuditOutcomes.Ok, null, cancellationToken).ConfigureAwait(false);
            return execution.Context.Run;
        }

        var run = await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        var cancelled = run.Cancel(time.GetUtcNow());
        await store.SaveRunAsync(cancelled, cancellationToken).ConfigureAwait(false);
        await AuditAsync(by, AuditActions.RunCancel, cancelled, AuditOutcomes.Ok, $"was {Text(run.Status)}", cancellationToken).ConfigureAwait(false);
        return await PublishStatusAsync(cancelled, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RunDetails?> GetAsync(string id, CancellationToken cancellationToken) =>
        _executing.TryGetValue(id, out var execution) ? execution.Context.Details : await store.GetDetailsAsync(id, 1000, cancellationToken).ConfigureAwait(false);

    public Task<IReadOnlyList<RecoveryRun>> ListAsync(int limit, CancellationToken cancellationToken) => store.ListRunsAsync(limit, cancellationToken);

    /// <summary>At start: runs the store shows as active but no process executes become interrupted (resumable).</summary>
    public async Task MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await store.ListActiveRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            // A run awaiting approval has not started: it keeps waiting for its approver across restarts.
            if (run.Status is not (RunStatus.Interrupted or RunStatus.AwaitingApproval) && !_executing.ContainsKey(run.Id))
            {
                logger.LogWarning("Run {RunId} was {Status} when the console stopped; it is now interrupted and can be resumed", run.Id, run.Status);
                await store.SaveRunAsync(run.Interrupt(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops every executing run at its next await; they are saved as interrupted.</summary>
    public async Task StopAsync()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_executing.Values.Select(e => e.Task)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        _gate.Dispose();
    }

    private void Launch(RunDetails details)
    {
        var context = new RunContext(details, store, notifier, time, logger, _lifetime.Token);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Task.Run(async () =>
        {
            await started.Task.ConfigureAwait(false);
            await ExecuteAsync(context).ConfigureAwait(false);
        });
        _executing[details.Run.Id] = (context, task);
        started.SetResult();
    }

    private async Task ExecuteAsync(RunContext context)
    {
        var id = context.Run.Id;
        try
        {
            var resumed = context.Run.StartedAt is not null;
            await context.SetRunAsync(r => r.Start(time.GetUtcNow())).ConfigureAwait(false);
            await context.LogAsync(RunLogLevel.Info, resumed
                ? $"Resumed {Describe(context.Run)}."
                : $"Started {Describe(context.Run)} for {context.Run.RequestedBy}{(context.Run.ApprovedBy is null ? "" : $", approved by {context.Run.ApprovedBy} ({context.Run.ApprovalReason})")}{(context.Run.OverrideReason is null ? "" : $" (override: {context.Run.OverrideReason})")}.", context.Cancellation).ConfigureAwait(false);
            var plan = await planner.PlanAsync(context.Run, context.Cancellation).ConfigureAwait(false);
            if (RunConcurrency.IsPlanRun(context.Run))
            {
                _holding[id] = (context.Run.Plan!, plan.PrimaryDomainNames);
            }

            var procedure = procedures.Create(context, plan);
            await procedure.ExecuteAsync().ConfigureAwait(false);
            await context.SetRunAsync(r => r.Succeed(time.GetUtcNow())).ConfigureAwait(false);
            await context.LogAsync(RunLogLevel.Info, $"Finished in {context.Run.Duration?.TotalSeconds:0.#} s.", CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancelRequested)
        {
            await context.SetRunAsync(r => r.Cancel(time.GetUtcNow())).ConfigureAwait(false);
            await context.LogAsync(RunLogLevel.Warning, "Cancelled by an operator. Steps already done stay done; check both sites.", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception) when (_lifetime.IsCancellationRequested && !context.CancelRequested)
        {
            // Whatever broke while the console stops (a cancelled call, a disposed HTTP pipeline) is an interruption, not a failure.
            await context.SetRunAsync(r => r.Interrupt()).ConfigureAwait(false);
            await context.LogAsync(RunLogLevel.Warning, "Interrupted: the console is stopping. Resume the run when it is back.", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Run {RunId} failed", id);
            await context.SetRunAsync(r => r.Fail(ex.Message, time.GetUtcNow())).ConfigureAwait(false);
            await context.LogAsync(RunLogLevel.Error, $"Failed: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Every write of the run is in the store before it leaves memory: whoever finds it gone reads its end there.
            await context.CompleteWritesAsync().ConfigureAwait(false);
            _executing.TryRemove(id, out _);
            _holding.TryRemove(id, out _);
            await context.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Active runs as the run engine knows them now. A run it is executing has already published its end (succeeded,
    /// failed) before the row is saved; a client that saw the end may start the next run at once, so the live state wins
    /// over the stored one for runs still in memory. A run leaves memory only after its end is saved.
    /// </summary>
    /// <param name="except">A run to leave out (the one being resumed or approved); null for none.</param>
    private async Task<IReadOnlyList<RecoveryRun>> ActiveRunsAsync(string source, string target, string? except, CancellationToken cancellationToken)
    {
        var stored = await store.ListActiveRunsAsync(cancellationToken).ConfigureAwait(false);
        return [.. stored.Select(Live).Where(r => r.IsActive && r.Id != except && SamePair(r, source, target))];
    }

    /// <summary>The run as its execution has it when it is still in memory, else as stored.</summary>
    private RecoveryRun Live(RecoveryRun run) => _executing.TryGetValue(run.Id, out var execution) ? execution.Context.Run : run;

    /// <summary>
    /// Refuses to let <paramref name="run"/> go on (<paramref name="doing"/> it) while another active run of the pair holds one
    /// of its domains: the rule a start keeps (<see cref="RunConcurrency"/>), checked again as the plans may have changed.
    /// </summary>
    private async Task RequireRoomAsync(RecoveryRun run, string doing, CancellationToken cancellationToken)
    {
        var others = await ActiveRunsAsync(run.SourceSite, run.TargetSite, run.Id, cancellationToken).ConfigureAwait(false);
        if (others.Count == 0)
        {
            return;
        }

        var domains = await DomainsAsync([run.Plan, .. others.Select(r => r.Plan)], others, cancellationToken).ConfigureAwait(false);
        if (RunConcurrency.FindOverlap(run.Plan, others, domains) is { } overlap)
        {
            throw new RunRequestException(RunConcurrency.ContinueRefusal(run, overlap, doing), conflict: true);
        }
    }

    /// <summary>
    /// The domains of the plans named, as the active plans version has them; an executing run of <paramref name="active"/>
    /// holds the domains it resolved when it began instead.
    /// </summary>
    private async Task<PlanDomains> DomainsAsync(IEnumerable<string?> plans, IReadOnlyList<RecoveryRun> active, CancellationToken cancellationToken)
    {
        var domains = await planner.PlanDomainsAsync(plans, cancellationToken).ConfigureAwait(false);
        var held = active.Select(r => _holding.TryGetValue(r.Id, out var h) ? h : default).Where(h => h.Plan is not null)
            .Select(h => KeyValuePair.Create(h.Plan, h.Domains)).ToList();
        return held.Count == 0 ? domains : domains.With(held);
    }

    private async Task<RecoveryRun> RequireAwaitingApprovalAsync(string id, Actor by, string reason, string action, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        if (run.DecisionRefusal(by.Name, reason) is { } refusal)
        {
            await AuditAsync(by, action, run, AuditOutcomes.Denied, refusal, cancellationToken).ConfigureAwait(false);
            throw new RunRequestException(refusal);
        }
        return run;
    }

    /// <summary>Tells live pages and the hub about a change made while no run engine executes the run.</summary>
    private async Task<RecoveryRun> PublishStatusAsync(RecoveryRun run, CancellationToken cancellationToken)
    {
        var published = run with { LastSequence = run.LastSequence + 1 };
        await store.SaveRunAsync(published, cancellationToken).ConfigureAwait(false);
        var details = await store.GetDetailsAsync(run.Id, 300, cancellationToken).ConfigureAwait(false) ?? new RunDetails(published, [], [], []);
        notifier.Publish(new RunEvent(run.Id, published.LastSequence, time.GetUtcNow(), RunEventKind.Status, published), details);
        return published;
    }

    private async Task RequireOperatorAsync(Actor by, string action, string target, string what, CancellationToken cancellationToken)
    {
        if (!by.Can(Role.Operator))
        {
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, action, target, AuditOutcomes.Denied, Detail: $"needs the Operator role to {what}"), cancellationToken).ConfigureAwait(false);
            by.Require(Role.Operator, what);
        }
    }

    private Task AuditAsync(Actor by, string action, RecoveryRun run, string outcome, string? detail, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEntry(by.Name, by.Source, action, $"run {run.Id}", outcome, Detail: detail), cancellationToken);

    private static string Describe(RecoveryRun run) =>
        $"{Text(run.Mode)} {Text(run.Kind)} {run.SourceSite} → {run.TargetSite}{(run.Plan is null ? "" : $" of plan '{run.Plan}'")}";

    private static string Text<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    internal static bool SamePair(RecoveryRun run, string a, string b) =>
        (Same(run.SourceSite, a) && Same(run.TargetSite, b)) || (Same(run.SourceSite, b) && Same(run.TargetSite, a));

    private static bool Same(string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);

    private static RunRequestException NotFound(string id) => new($"There is no run {id}.", notFound: true);
}
