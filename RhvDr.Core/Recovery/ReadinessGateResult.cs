using RhvDr.Core.Readiness;

namespace RhvDr.Core.Recovery;

/// <summary>The readiness gate's answer: the checks that block the run (an override reason passes them) and those that only warn.</summary>
/// <param name="Applies">False for run kinds readiness does not measure (failback, cleanup) or when readiness is not evaluated.</param>
public sealed record ReadinessGateResult(
    bool Applies,
    ReadinessVerdict Verdict,
    IReadOnlyList<ReadinessFinding> Blocking,
    IReadOnlyList<ReadinessFinding> Warnings,
    string Summary)
{
    public bool Blocks => Blocking.Count > 0;
}
