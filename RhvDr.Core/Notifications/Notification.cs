using System.Text.Json.Serialization;

namespace RhvDr.Core.Notifications;

/// <summary>
/// The JSON body of one notification. <see cref="Id"/> is unique per notification and stays the same on every retry and for
/// every receiver, so a receiver can drop a repeat; exactly one of <see cref="Incident"/> and <see cref="Run"/> is set.
/// </summary>
public sealed record Notification(
    string Id,
    string Event,
    DateTimeOffset Time,
    NotificationConsole Console,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotificationIncident? Incident = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotificationRun? Run = null);
