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
        Steps = [.. details.Steps.OrderBy(s => s.Index).Select(s => new RunStepRow(
            s.Index + 1, s.Name, s.Title, s.Status,
            s.StartedAt is { } start ? Format((s.FinishedAt ?? now) - start) : "",
            s.ExpectedSeconds is { } expected ? Format(TimeSpan.FromSeconds(expected)) : "",
            s.Detail))];
        Vms = [.. details.Vms.OrderByDescending(v => v.Failed).ThenBy(v => v.Wave == 0 ? int.MaxValue : v.Wave).ThenBy(v => v.VmName, StringComparer.Ordinal)];
        ToRecover = details.Vms.Count(v => v.WasRunning);
        Up = details.Vms.Count(v => v.WasRunning && v.Up);
        Failed = details.Vms.Count(v => v.Failed);
        Elapsed = run.StartedAt is { } started ? Format((run.FinishedAt ?? now) - started) : "not started";
    }

    public RunDetails Details { get; }

    public RecoveryRun Run => Details.Run;

    public IReadOnlyList<RunStepRow> Steps { get; }

    public IReadOnlyList<VmOutcome> Vms { get; }

    public int ToRecover { get; }

    public int Up { get; }

    public int Failed { get; }

    public string Elapsed { get; }

    public string Title => $"{Text(Run.Mode)} {Text(Run.Kind)} {Run.SourceSite} → {Run.TargetSite}";

    public bool CanConfirm => Run.Status == RunStatus.Waiting;

    public bool CanPause => Run.Status == RunStatus.Running;

    public bool CanCancel => Run.IsActive;

    public bool CanResume => Run.Status is RunStatus.Interrupted or RunStatus.Failed;

    public static RunViewModel From(RunDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new RunViewModel(details, now);
    }

    public static string Text<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.TotalMinutes >= 1 ? span.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
}
