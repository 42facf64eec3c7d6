namespace RhvDr.Core.Readiness;

/// <summary>One evaluation: the verdict, the score, what we would lose and how long it would take, and every finding.</summary>
/// <param name="RpoSeconds">Data lost if we failed over now: the worst replica lag; null when no pair is known.</param>
/// <param name="WhatWouldChange">What would move the verdict, most important first, in words.</param>
public sealed record ReadinessReport(
    DateTimeOffset EvaluatedAt,
    ReadinessVerdict Verdict,
    int Score,
    double? RpoSeconds,
    int RpoTargetSeconds,
    IReadOnlyList<DomainRpo> DomainRpo,
    RtoEstimate Rto,
    TestFailoverRecord? LastTestFailover,
    IReadOnlyList<ReadinessFinding> Findings,
    IReadOnlyList<string> WhatWouldChange)
{
    public static ReadinessReport NotEvaluated { get; } = new(
        DateTimeOffset.MinValue, ReadinessVerdict.Unknown, 0, null, 0, [], new RtoEstimate(0, "model", "Not evaluated yet"), null, [], []);

    public bool IsEvaluated => Verdict != ReadinessVerdict.Unknown;
}
