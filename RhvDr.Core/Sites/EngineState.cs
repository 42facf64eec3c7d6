namespace RhvDr.Core.Sites;

/// <summary>The console's connection to one engine: how the last poll went and when it last succeeded.</summary>
/// <param name="Status">Outcome of the last poll.</param>
/// <param name="Message">What went wrong, in words an operator can act on; null when connected.</param>
/// <param name="LastAttempt">When the last poll finished.</param>
/// <param name="LastSuccess">When a poll last succeeded; the age of the inventory shown.</param>
public sealed record EngineState(
    EngineConnectionStatus Status,
    string? Message,
    DateTimeOffset? LastAttempt,
    DateTimeOffset? LastSuccess)
{
    public static EngineState NotPolled { get; } = new(EngineConnectionStatus.Unknown, null, null, null);

    public bool IsReachable => Status == EngineConnectionStatus.Connected;
}
