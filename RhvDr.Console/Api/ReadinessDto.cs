using RhvDr.Core.Readiness;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>GET /api/readiness</c>: the verdict (<c>go</c>, <c>warn</c>, <c>no-go</c>, or <c>unknown</c> before the first evaluation)
/// for a loss of the primary site, and every check. While production runs at the recovery site after a failover,
/// <see cref="Failback"/> answers the question that matters then: could we fail back now.
/// </summary>
public sealed record ReadinessDto(
    string Status,
    int Score,
    double? RpoSeconds,
    int RpoTargetSeconds,
    double EstimatedRtoSeconds,
    string RtoSource,
    string RtoBasis,
    DateTimeOffset? EvaluatedAt,
    IReadOnlyList<DomainRpo> Domains,
    TestFailoverRecord? LastTestFailover,
    IReadOnlyList<string> WhatWouldChange,
    IReadOnlyList<ReadinessCheckDto> Checks)
{
    /// <summary>Null unless production runs at the recovery site on purpose.</summary>
    public FailbackReadinessDto? Failback { get; init; }

    public static ReadinessDto From(ReadinessReport r) => new(
        ReadinessText.Verdict(r.Verdict),
        r.Score,
        r.RpoSeconds is { } rpo ? Math.Round(rpo) : null,
        r.RpoTargetSeconds,
        Math.Round(r.Rto.Seconds),
        r.Rto.Source,
        r.Rto.Basis,
        r.IsEvaluated ? r.EvaluatedAt : null,
        r.DomainRpo,
        r.LastTestFailover,
        r.WhatWouldChange,
        r.Findings.Select(ReadinessCheckDto.From).ToList());
}
