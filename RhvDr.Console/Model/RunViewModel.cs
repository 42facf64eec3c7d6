using System.Globalization;
using RhvDr.Core.Recovery;

namespace RhvDr.Console.Model;

/// <summary>The run page's state, computed from a run's details: timeline rows, VM rows (problems first), counts and what the operator may do.</summary>
public sealed class RunViewModel
{
    private RunViewModel(RunDetails details, DateTimeOffset now)
    {
        Details = details;
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
        Remaining = run.IsActive ? RemainingOf(details.Steps, now) : null;
        Eta = Remaining is { } remaining ? now + remaining : null;
        Vms = [.. details.Vms.OrderByDescending(v => v.Failed).ThenBy(v => v.Wave == 0 ? int.MaxValue : v.Wave).ThenBy(v => v.VmName, StringComparer.Ordinal)];
        ToRecover = details.Vms.Count(v => v.WasRunning);
        Up = details.Vms.Count(v => v.WasRunning && v.Up);
        Failed = details.Vms.Count(v => v.Failed);
        Elapsed = run.StartedAt is { } started ? Format((run.FinishedAt ?? now) - started) : "not started";
    }

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
    /// Expected time left: the expected durations of the steps not started, plus what is left of the running ones. Steps that
    /// run side by side overlap, so only the longest remainder among them counts.
    /// </summary>
    public TimeSpan? Remaining { get; }

    public DateTimeOffset? Eta { get; }

    public string EtaText => Remaining is { } r ? $"~{Format(r)} left (about {Eta!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC)" : "";

    public RecoveryRun Run => Details.Run;

    public IReadOnlyList<RunStepRow> Steps { get; }

    public IReadOnlyList<VmOutcome> Vms { get; }

    public int ToRecover { get; }

    public int Up { get; }

    public int Failed { get; }

    public string Elapsed { get; }

    public string Title => $"{Text(Run.Mode)} {Text(Run.Kind)} {Run.SourceSite} → {Run.TargetSite}";

    public bool CanConfirm => Run.Status == RunStatus.Waiting;

    /// <summary>Waiting for a second operator: anyone with the Operator role except the requester may approve or reject.</summary>
    public bool AwaitingApproval => Run.Status == RunStatus.AwaitingApproval;

    public bool CanPause => Run.Status == RunStatus.Running;

    public bool CanCancel => Run.IsActive;

    public bool CanResume => Run.Status is RunStatus.Interrupted or RunStatus.Failed;

    public static RunViewModel From(RunDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new RunViewModel(details, now);
    }

    /// <summary>How many VMs are in each state, for the grid's filter buttons.</summary>
    public IReadOnlyDictionary<RunVmState, int> StateCounts => Details.Vms.GroupBy(StateOf).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The VM rows in one state (all when null) whose name contains <paramref name="search"/>.</summary>
    public IReadOnlyList<VmOutcome> FilterVms(RunVmState? state, string? search) =>
        [.. Vms.Where(v => (state is null || StateOf(v) == state) && (string.IsNullOrWhiteSpace(search) || v.VmName.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)))];

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

    private static TimeSpan RemainingOf(IReadOnlyList<RunStep> steps, DateTimeOffset now)
    {
        var pending = 0.0;
        var running = 0.0;
        foreach (var step in steps)
        {
            var expected = step.ExpectedSeconds ?? 0;
            if (step.Status == StepStatus.Pending)
            {
                pending += expected;
            }
            else if (step is { Status: StepStatus.Running, StartedAt: { } started })
            {
                running = Math.Max(running, expected - (now - started).TotalSeconds);
            }
        }

        return TimeSpan.FromSeconds(Math.Round(pending + running));
    }

    /// <summary>An enum value in words: <c>AwaitingApproval</c> → "awaiting approval".</summary>
    public static string Text<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    public static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.TotalMinutes >= 1 ? span.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
}
