using RhvDr.Core.Readiness;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Readiness's view of past runs, read from the run store: the newest finished test failover, and the step timings of
/// the newest finished (succeeded) failovers and test failovers, for the RTO estimate.
/// </summary>
public sealed class RunStoreRecoveryHistory(IRunStore store) : IRecoveryHistory
{
    /// <summary>How many past runs are looked at.</summary>
    public const int RunsScanned = 200;

    /// <summary>How many recent runs the RTO median is taken over.</summary>
    public const int TimedRuns = 5;

    public async Task<TestFailoverRecord?> GetLastTestFailoverAsync(CancellationToken cancellationToken = default)
    {
        var runs = await store.ListRunsAsync(RunsScanned, cancellationToken).ConfigureAwait(false);
        var last = runs.FirstOrDefault(r => r.Kind == RunKind.Test && r.Status is RunStatus.Succeeded or RunStatus.Failed && r.FinishedAt is not null);
        if (last is null)
        {
            return null;
        }

        var details = await store.GetDetailsAsync(last.Id, 0, cancellationToken).ConfigureAwait(false);
        var summary = last.Status == RunStatus.Failed
            ? last.Error
            : details?.Steps.FirstOrDefault(s => s.Name == RecoveryStepNames.Report)?.Detail;
        return new TestFailoverRecord(last.Id, last.FinishedAt!.Value, last.Status == RunStatus.Succeeded, last.Duration ?? TimeSpan.Zero, summary);
    }

    public async Task<IReadOnlyList<RecoveryStepTiming>> GetStepTimingsAsync(CancellationToken cancellationToken = default)
    {
        var runs = (await store.ListRunsAsync(RunsScanned, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Kind is RunKind.Failover or RunKind.Test && r.Status == RunStatus.Succeeded)
            .Take(TimedRuns)
            .ToList();
        var timings = new List<RecoveryStepTiming>();
        foreach (var run in runs)
        {
            var details = await store.GetDetailsAsync(run.Id, 0, cancellationToken).ConfigureAwait(false);
            timings.AddRange(details?.Steps
                .Where(s => s is { Status: StepStatus.Succeeded, StartedAt: not null, FinishedAt: not null })
                .Select(s => new RecoveryStepTiming(run.Id, s.Name, s.FinishedAt!.Value, s.FinishedAt.Value - s.StartedAt!.Value)) ?? []);
        }

        return timings;
    }
}
