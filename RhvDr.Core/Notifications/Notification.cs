using System.Text.Json.Serialization;
using RhvDr.Core.Drills;

namespace RhvDr.Core.Notifications;

/// <summary>
/// The JSON body of one notification. <see cref="Id"/> is unique per notification and stays the same on every retry and for
/// every receiver, so a receiver can drop a repeat; exactly one of <see cref="Incident"/>, <see cref="Run"/> and
/// <see cref="Drill"/> is set.
/// </summary>
public sealed record Notification(
    string Id,
    string Event,
    DateTimeOffset Time,
    NotificationConsole Console,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotificationIncident? Incident = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotificationRun? Run = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DrillRecord? Drill = null);
