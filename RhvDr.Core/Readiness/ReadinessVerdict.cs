namespace RhvDr.Core.Readiness;

/// <summary>The answer to "if the primary site burned down now, would DR work?".</summary>
public enum ReadinessVerdict
{
    /// <summary>Not evaluated yet.</summary>
    Unknown,

    Go,

    Warn,

    NoGo,
}
