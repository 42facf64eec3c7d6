namespace RhvDr.Core.Notifications;

/// <summary>The events a receiver can ask for (<c>RhvDr:Notifications:Webhooks:N:Events</c>), as sent in <c>X-RhvDr-Event</c>.</summary>
public static class NotificationEvents
{
    public const string IncidentOpened = "incident.opened";

    public const string IncidentAcknowledged = "incident.acknowledged";

    public const string IncidentClosed = "incident.closed";

    /// <summary>A run's status changed (or it waits on a new prompt).</summary>
    public const string RunStatus = "run.status";

    /// <summary>A drill of a recovery plan failed: its test failover or cleanup did not succeed.</summary>
    public const string DrillFailed = "drill.failed";

    /// <summary>A drill of a recovery plan did not run (another run was active, four-eyes, the console was down).</summary>
    public const string DrillSkipped = "drill.skipped";

    public static IReadOnlyList<string> All { get; } = [IncidentOpened, IncidentAcknowledged, IncidentClosed, RunStatus, DrillFailed, DrillSkipped];
}
