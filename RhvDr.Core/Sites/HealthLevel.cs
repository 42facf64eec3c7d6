namespace RhvDr.Core.Sites;

/// <summary>How worried an operator should be about an object or a site, worst last.</summary>
public enum HealthLevel
{
    Unknown = 0,
    Ok = 1,
    Warning = 2,
    Critical = 3,
}
