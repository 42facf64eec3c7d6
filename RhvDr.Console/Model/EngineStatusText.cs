using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>The words an operator reads for an engine connection status; the same on every page.</summary>
public static class EngineStatusText
{
    public const string Connected = "Connected";
    public const string Unreachable = "Unreachable";
    public const string AuthenticationFailed = "Authentication failed";
    public const string Faulted = "Engine fault";
    public const string Waiting = "Waiting for first poll";

    public static string For(EngineConnectionStatus status) => status switch
    {
        EngineConnectionStatus.Connected => Connected,
        EngineConnectionStatus.Unreachable => Unreachable,
        EngineConnectionStatus.AuthenticationFailed => AuthenticationFailed,
        EngineConnectionStatus.Faulted => Faulted,
        _ => Waiting,
    };

    public static HealthLevel LevelFor(EngineConnectionStatus status) => status switch
    {
        EngineConnectionStatus.Connected => HealthLevel.Ok,
        EngineConnectionStatus.Unknown => HealthLevel.Unknown,
        _ => HealthLevel.Critical,
    };
}
