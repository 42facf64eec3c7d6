namespace RhvDr.Core.Drills;

/// <summary>How a drill ended; <see cref="Running"/> while its test runs or its test environment is kept.</summary>
public enum DrillResult
{
    Running,
    Succeeded,
    Failed,
    Skipped,
}
