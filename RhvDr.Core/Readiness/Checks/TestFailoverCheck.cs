using System.Globalization;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>A test failover succeeded recently: the only proof the whole chain works.</summary>
public sealed class TestFailoverCheck : IReadinessCheck
{
    public string Id => "test-failover";

    public string Title => "Recent successful test failover";

    public int Weight => 5;

    public async Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var last = await context.GetLastTestFailoverAsync(cancellationToken).ConfigureAwait(false);
        var maxAge = context.Options.TestFailoverMaxAgeDays;
        const string remediation = "Run a test failover (Runs > New > Test failover): it recovers copies of the replicas in an isolated network.";
        if (last is null)
        {
            return CheckResult.Warn("No test failover recorded.", [], remediation);
        }

        var age = context.Now - last.FinishedAt;
        var evidence = new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"Run {last.RunId} finished {last.FinishedAt:yyyy-MM-dd HH:mm} UTC ({age.TotalDays:0} days ago): {(last.Succeeded ? "succeeded" : "failed")}{(last.Summary is null ? "" : $", {last.Summary}")}"),
        };
        if (!last.Succeeded)
        {
            return CheckResult.Fail("The last test failover failed.", evidence, "Fix what the failed test run reported, then run a test failover again.", CheckSeverity.Warning);
        }
        if (age.TotalDays > maxAge)
        {
            return CheckResult.Warn(string.Create(CultureInfo.InvariantCulture, $"The last test failover is {age.TotalDays:0} days old (limit {maxAge})."), evidence, remediation);
        }
        return CheckResult.Pass(string.Create(CultureInfo.InvariantCulture, $"A test failover succeeded {age.TotalDays:0} days ago."), evidence);
    }
}
