namespace RhvDr.Core.Readiness;

/// <summary>The words readiness uses in the API, exports and the page, so they are the same everywhere.</summary>
public static class ReadinessText
{
    public static string Verdict(ReadinessVerdict verdict) => verdict switch
    {
        ReadinessVerdict.Go => "go",
        ReadinessVerdict.Warn => "warn",
        ReadinessVerdict.NoGo => "no-go",
        _ => "unknown",
    };

    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Warn => "warn",
        CheckStatus.Fail => "fail",
        _ => "error",
    };

    public static string Severity(CheckSeverity severity) => severity switch
    {
        CheckSeverity.Critical => "critical",
        CheckSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>A duration for managers: "45 s", "12 min", "3.5 h".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 90 => FormattableString.Invariant($"{seconds:0} s"),
        < 5400 => FormattableString.Invariant($"{seconds / 60:0} min"),
        _ => FormattableString.Invariant($"{seconds / 3600:0.#} h"),
    };
}
