using System.Globalization;

namespace RhvDr.Core.Readiness;

/// <summary>
/// Expected recovery time. From history: the median over recent runs of each run's summed step durations.
/// Without history, a model of the estate: 120 s to promote storage and reach the recovery engine,
/// 90 s per replicated domain (import, attach, activate; one at a time through the SPM), 4 s per protected VM to register,
/// and 20 s per wave of 10 running VMs to start.
/// </summary>
public static class RtoModel
{
    public const double BaseSeconds = 120;
    public const double PerDomainSeconds = 90;
    public const double PerVmRegisterSeconds = 4;
    public const double PerStartWaveSeconds = 20;
    public const int StartWaveSize = 10;

    public static RtoEstimate Estimate(ReadinessContext context, IReadOnlyList<RecoveryStepTiming> timings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vms = context.ProtectedVms;
        return Estimate(context.ProtectedPairs.Count, vms.Count, vms.Count(v => v.IsRunning), timings);
    }

    /// <summary>The same estimate for an estate given by its counts (the run wizard's plan).</summary>
    public static RtoEstimate Estimate(int domains, int vms, int running, IReadOnlyList<RecoveryStepTiming> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        if (timings.Count > 0)
        {
            var runs = timings.GroupBy(t => t.RunId, StringComparer.Ordinal)
                .Select(g => g.Sum(t => t.Duration.TotalSeconds))
                .Order()
                .ToList();
            var median = runs.Count % 2 == 1 ? runs[runs.Count / 2] : (runs[(runs.Count / 2) - 1] + runs[runs.Count / 2]) / 2;
            return new RtoEstimate(Math.Round(median), "history",
                string.Create(CultureInfo.InvariantCulture, $"Median of {runs.Count} recorded run(s), from their step timings"));
        }

        var waves = (running + StartWaveSize - 1) / StartWaveSize;
        var seconds = BaseSeconds + (PerDomainSeconds * domains) + (PerVmRegisterSeconds * vms) + (PerStartWaveSeconds * waves);
        return new RtoEstimate(seconds, "model",
            string.Create(CultureInfo.InvariantCulture, $"No recorded runs; model of {domains} replicated domain(s), {vms} protected VM(s), {running} running"));
    }
}
