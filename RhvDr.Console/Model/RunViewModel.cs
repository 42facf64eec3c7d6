using System.Globalization;
using RhvDr.Core.Recovery;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>The run page's state, computed from a run's details: timeline rows, VM rows (problems first), counts and what the operator may do.</summary>
public sealed class RunViewModel
{
    private readonly IReadOnlyList<SiteDescriptor> _sites;

    private RunViewModel(RunDetails details, DateTimeOffset now, IReadOnlyList<SiteDescriptor> sites)
    {
        Details = details;
        _sites = sites;
        var run = details.Run;
        var running = details.Steps.Count(s => s.Status == StepStatus.Running);
        Steps = [.. details.Steps.OrderBy(s => s.Index).Select(s => new RunStepRow(
            s.Index + 1, s.Name, s.Title, s.Status,
            s.StartedAt is { } start ? Format((s.FinishedAt ?? now) - start) : "",
            s.ExpectedSeconds is { } expected ? Format(TimeSpan.FromSeconds(expected)) : "",
            s.Detail,
            IsStuck(s, now),
            s.Status == StepStatus.Running && running > 1))];
        StuckStep = Steps.FirstOrDefault(s => s.Stuck);
        (CurrentWave, Waves) = WavesOf(details);
        WaitingFor = WaitingText(run);
        Remaining = run.IsActive && WaitingFor is null ? RemainingOf(details.Steps, now) : null;
        Eta = Remaining is { } remaining ? now + remaining : null;
        Vms = [.. details.Vms.OrderByDescending(v => v.Failed).ThenBy(v => v.Wave == 0 ? int.MaxValue : v.Wave).ThenBy(v => v.VmName, StringComparer.Ordinal)];
        ToRecover = details.Vms.Count(v => v.WasRunning && !v.Skipped);
        Up = details.Vms.Count(v => v.WasRunning && !v.Skipped && v.Up);
        Skipped = details.Vms.Count(v => v.WasRunning && v.Skipped);
        Failed = details.Vms.Count(v => v.Failed);
        Elapsed = run.StartedAt is { } started ? Format((run.FinishedAt ?? now) - started) : "not started";
        StepsDone = details.Steps.Count(s => s.Status is StepStatus.Succeeded or StepStatus.Skipped);
    }

    /// <summary>Observed step times may run this far under their estimates (an instant lab)…</summary>
    public const double MinPace = 0.01;

    /// <summary>…or over them (a slow engine), before the remaining estimate stops following them.</summary>
    public const double MaxPace = 10;

    /// <summary>A running step is stuck past this many times its expected duration…</summary>
    public const double StuckFactor = 3;

    /// <summary>…and past this long, so short steps with small estimates are not flagged for a few seconds' delay.</summary>
    public static readonly TimeSpan StuckMinimum = TimeSpan.FromSeconds(60);

    public RunDetails Details { get; }

    /// <summary>The first step running far past its expected time; null when none is.</summary>
    public RunStepRow? StuckStep { get; }

    /// <summary>The start wave in progress (the lowest wave with a VM neither up nor failed); 0 before waves are planned.</summary>
    public int CurrentWave { get; }

    public int Waves { get; }

    /// <summary>
    /// Expected time left: the expected durations of the steps not started, plus what is left of the running ones, scaled by
    /// the pace observed so far (finished steps' actual over expected time). Steps that run side by side overlap, so only the
    /// longest remainder among them counts. Null when the run is finished or waits for a person: no clock runs then.
    /// </summary>
    public TimeSpan? Remaining { get; }

    public DateTimeOffset? Eta { get; }

    /// <summary>What the run waits for, in words ("waiting for approval by a second operator"); null while it runs or when finished.</summary>
    public string? WaitingFor { get; }

    /// <summary>The ETA in words, or what the run waits for instead; empty when the run is finished.</summary>
    public string EtaText => WaitingFor ?? (Remaining is { } r ? $"~{Format(r)} left (about {Eta!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC)" : "");

    public int StepsDone { get; }

    /// <summary>Progress: VMs up of those to recover; steps done for a run that starts no VM (a cleanup, an empty estate).</summary>
    public string ProgressText => ToRecover > 0 ? $"{Up} of {ToRecover} VMs up" : $"{StepsDone} of {Steps.Count} steps done";

    public double ProgressPercent => ToRecover > 0 ? 100.0 * Up / ToRecover : Steps.Count == 0 ? 0 : 100.0 * StepsDone / Steps.Count;

    /// <summary>Succeeded, failed or cancelled: the page shows the outcome and what to do next.</summary>
    public bool Finished => Run.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    /// <summary>The finished run's facts, the same the report shows (achieved RTO and RPO); null while it runs.</summary>
    public RunReport? Report => Finished ? RunReport.From(Details) : null;

    /// <summary>The outcome in one sentence, e.g. "Planned test succeeded in 23 s: 29 of 29 VMs up."; empty while it runs.</summary>
    public string OutcomeText => !Finished ? "" : $"{Capitalized($"{Text(Run.Mode)} {Text(Run.Kind)}")} {Text(Run.Status)}{(Run.StartedAt is null ? "" : $" in {Elapsed}")}"
        + (ToRecover > 0 ? $": {Up} of {ToRecover} VMs up{(Failed > 0 ? $", {Failed} failed" : "")}{(NotRecovered > 0 ? $", {NotRecovered} not recovered" : "")}{(Skipped > 0 ? $", {Skipped} skipped by the plan" : "")}." : ".");

    /// <summary>VMs that ran at the source and are neither up nor failed (e.g. missing from the replica's OVF store).</summary>
    public int NotRecovered => Math.Max(0, ToRecover - Up - Details.Vms.Count(v => v.WasRunning && !v.Skipped && v.Failed));

    /// <summary>Achieved RTO and RPO in words, as the report measures them.</summary>
    public string OutcomeMeasures => Report is not { } report ? "" :
        $"RTO achieved {Seconds(report.RtoSeconds)} · RPO {Seconds(report.RpoSeconds)}{(report.RecoveryPoint is { } point ? $" (data as of {point.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)" : "")}";

    /// <summary>What to do after this run: clean up a test, fail back after a failover, return after an evacuation, resume a failed run.</summary>
    public RunFollowUp? FollowUp => Run.Status switch
    {
        RunStatus.Failed => new RunFollowUp("Resume", null),
        RunStatus.Succeeded or RunStatus.Cancelled when Run.Kind == RunKind.Test => new RunFollowUp("Clean up the test", $"runs/new?kind=cleanup{PlanQuery}"),
        RunStatus.Succeeded when Run.Kind == RunKind.Failover => new RunFollowUp("Fail back when ready", $"runs/new?kind=failback&mode=planned{PlanQuery}"),
        RunStatus.Succeeded when Run.Kind == RunKind.Evacuate => new RunFollowUp("Return when ready", "runs/new?kind=return"),
        _ => null,
    };

    public RecoveryRun Run => Details.Run;

    /// <summary>The run's plan for the follow-up's wizard: with plans run at once, the cleanup or failback names the plan it follows.</summary>
    private string PlanQuery => RunConcurrency.IsPlanRun(Run) ? $"&plan={Uri.EscapeDataString(Run.Plan!)}" : "";

    public IReadOnlyList<RunStepRow> Steps { get; }

    public IReadOnlyList<VmOutcome> Vms { get; }

    /// <summary>VMs to recover: those that ran at the source, less those the run's plan skips.</summary>
    public int ToRecover { get; }

    /// <summary>VMs that ran at the source and that the run's plan registers without starting (<c>skip: true</c>).</summary>
    public int Skipped { get; }

    public int Up { get; }

    public int Failed { get; }

    public string Elapsed { get; }

    public string Title => $"{Text(Run.Mode)} {Text(Run.Kind)} {SiteName.Of(_sites, Run.SourceSite)} → {SiteName.Of(_sites, Run.TargetSite)}";

    public bool CanConfirm => Run.Status == RunStatus.Waiting;

    /// <summary>Waiting for a second operator: anyone with the Operator role except the requester may approve or reject.</summary>
    public bool AwaitingApproval => Run.Status == RunStatus.AwaitingApproval;

    public bool CanPause => Run.Status == RunStatus.Running;

    public bool CanCancel => Run.IsActive;

    public bool CanResume => Run.Status is RunStatus.Interrupted or RunStatus.Failed;

    /// <param name="sites">The configured sites, to name the run's sites by their display names; ids when empty.</param>
    public static RunViewModel From(RunDetails details, DateTimeOffset now, IReadOnlyList<SiteDescriptor>? sites = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new RunViewModel(details, now, sites ?? []);
    }

    /// <summary>How many VMs are in each state, for the grid's filter buttons.</summary>
    public IReadOnlyDictionary<RunVmState, int> StateCounts => Details.Vms.GroupBy(StateOf).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The VM rows in one state (all when null) whose name contains <paramref name="search"/>.</summary>
    public IReadOnlyList<VmOutcome> FilterVms(RunVmState? state, string? search) =>
        [.. Vms.Where(v => (state is null || StateOf(v) == state) && (string.IsNullOrWhiteSpace(search) || v.VmName.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)))];

    /// <summary>A plan run VM's verification in words for its chip; null outside plan runs and until decided.</summary>
    public static string? VerificationText(VmVerification verification) => verification switch
    {
        VmVerification.Verified => "verified",
        VmVerification.UpUnverified => "up unverified",
        VmVerification.Failed => "failed",
        _ => null,
    };

    public static RunVmState StateOf(VmOutcome vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return vm.Failed ? RunVmState.Failed
            : vm.Up ? RunVmState.Up
            : vm.Started ? RunVmState.Starting
            : vm.Registered ? RunVmState.Registered
            : RunVmState.Pending;
    }

    public static bool IsStuck(RunStep step, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step is not { Status: StepStatus.Running, StartedAt: { } started, ExpectedSeconds: { } expected })
        {
            return false;
        }

        var elapsed = now - started;
        return elapsed > StuckMinimum && elapsed.TotalSeconds > StuckFactor * expected;
    }

    private static (int Current, int Total) WavesOf(RunDetails details)
    {
        var planned = details.Vms.Where(v => v.Wave > 0).ToList();
        if (planned.Count == 0)
        {
            return (0, 0);
        }

        var total = planned.Max(v => v.Wave);
        var open = planned.Where(v => !v.Up && !v.Failed).Select(v => v.Wave).DefaultIfEmpty(total).Min();
        return (open, total);
    }

    private static string? WaitingText(RecoveryRun run) => run.Status switch
    {
        RunStatus.AwaitingApproval => "waiting for approval by a second operator",
        RunStatus.Waiting => "waiting for an operator to confirm",
        RunStatus.Pending => "waiting to start",
        RunStatus.Interrupted => "interrupted: waiting to be resumed",
        _ => null,
    };

    /// <summary>How the finished steps' actual times compare with their estimates (1 before any finished).</summary>
    private static double PaceOf(IReadOnlyList<RunStep> steps)
    {
        var expected = 0.0;
        var actual = 0.0;
        foreach (var step in steps)
        {
            if (step is { Status: StepStatus.Succeeded, StartedAt: { } start, FinishedAt: { } end, ExpectedSeconds: > 0 and var e })
            {
                expected += e;
                actual += (end - start).TotalSeconds;
            }
        }

        return expected <= 0 ? 1 : Math.Clamp(actual / expected, MinPace, MaxPace);
    }

    private static TimeSpan RemainingOf(IReadOnlyList<RunStep> steps, DateTimeOffset now)
    {
        var pace = PaceOf(steps);
        var pending = 0.0;
        var running = 0.0;
        foreach (var step in steps)
        {
            var expected = (step.ExpectedSeconds ?? 0) * pace;
            if (step.Status == StepStatus.Pending)
            {
                pending += expected;
            }
            else if (step is { Status: StepStatus.Running, StartedAt: { } started })
            {
                running = Math.Max(running, Math.Max(0, expected - (now - started).TotalSeconds));
            }
        }

        return TimeSpan.FromSeconds(Math.Round(pending + running));
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Seconds(double? seconds) => seconds is { } s ? Format(TimeSpan.FromSeconds(s)) : "not measured";

    /// <summary>An enum value in words: <c>AwaitingApproval</c> → "awaiting approval".</summary>
    public static string Text<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    public static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.TotalMinutes >= 1 ? span.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
}
