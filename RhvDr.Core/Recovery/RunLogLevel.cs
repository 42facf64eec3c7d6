namespace RhvDr.Core.Recovery;

/// <summary>How much a run's log line matters; in the API, the hub and the store as <c>info</c>, <c>warning</c> and <c>error</c>.</summary>
public enum RunLogLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>The words a run's log levels are stored under.</summary>
public static class RunLogLevels
{
    public static string ToText(RunLogLevel level) => level switch
    {
        RunLogLevel.Warning => "warning",
        RunLogLevel.Error => "error",
        _ => "info",
    };

    /// <summary>A stored level; an unknown word reads as <see cref="RunLogLevel.Info"/> so an old line never hides.</summary>
    public static RunLogLevel Parse(string? text) => text switch
    {
        "warning" => RunLogLevel.Warning,
        "error" => RunLogLevel.Error,
        _ => RunLogLevel.Info,
    };
}
