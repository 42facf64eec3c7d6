namespace RhvDr.Core.Readiness;

/// <summary>How long a failover now would take, and what the number is based on.</summary>
/// <param name="Source"><c>history</c> (past runs' step timings) or <c>model</c> (the estate's size).</param>
public sealed record RtoEstimate(double Seconds, string Source, string Basis);
