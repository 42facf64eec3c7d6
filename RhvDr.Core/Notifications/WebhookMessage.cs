namespace RhvDr.Core.Notifications;

/// <summary>A notification waiting for one receiver: its id and event (for the headers and the log) and the body, serialised once.</summary>
public sealed record WebhookMessage(string Id, string Event, byte[] Body);
