using RhvDr.Core.Readiness;
using RhvDr.Core.State;

namespace RhvDr.Console.Api;

/// <summary>While production runs at the recovery site: could we fail back now (<c>go</c> or <c>no-go</c>), and why.</summary>
public sealed record FailbackReadinessDto(string Status, string Question, IReadOnlyList<string> Blocking, IReadOnlyList<string> Passing)
{
    public static FailbackReadinessDto? From(FailbackReadiness? failback) =>
        failback is null ? null : new(ReadinessText.Verdict(failback.Verdict), failback.Question, failback.Blocking, failback.Passing);
}
