namespace RhvDr.Core.Notifications;

/// <summary>Where the console sends notifications, bound from <c>RhvDr:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "RhvDr:Notifications";

    /// <summary>Attempts per notification and receiver: the first and up to four retries.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Notifications waiting per receiver; when a receiver falls this far behind, the oldest is dropped.</summary>
    public const int QueueLength = 1000;

    /// <summary>Receivers of JSON webhooks.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>The wait before the first retry; each further retry waits about twice as long as the one before.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
