namespace RhvDr.Core.Readiness;

/// <summary>How much a finding matters to the verdict, worst last.</summary>
public enum CheckSeverity
{
    Info,
    Warning,
    Critical,
}
