namespace RhvDr.Lab.Control;

/// <summary>Body of <c>POST /lab/control/array/pairs/{id}/lag</c>: the pair stalls this far behind (0 resumes it).</summary>
public sealed record PairLagRequest(double LagSeconds);
