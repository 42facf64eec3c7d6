namespace RhvDr.Core.Readiness;

/// <summary>How a readiness check came out.</summary>
public enum CheckStatus
{
    /// <summary>Nothing stands in the way of recovery here.</summary>
    Pass,

    /// <summary>Recovery would work, with a risk or a gap worth fixing.</summary>
    Warn,

    /// <summary>Recovery would fail or lose more than allowed.</summary>
    Fail,

    /// <summary>The check could not run (engine down, no mapping): readiness here is unknown.</summary>
    Error,
}
