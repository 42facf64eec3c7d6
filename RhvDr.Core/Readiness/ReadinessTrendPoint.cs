namespace RhvDr.Core.Readiness;

/// <summary>One bucket of the readiness trend: the worst and average score and the worst verdict in it.</summary>
public sealed record ReadinessTrendPoint(DateTimeOffset Time, int MinScore, double AverageScore, ReadinessVerdict WorstVerdict, int Evaluations);
