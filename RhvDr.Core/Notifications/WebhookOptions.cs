namespace RhvDr.Core.Notifications;

/// <summary>One webhook receiver, bound from <c>RhvDr:Notifications:Webhooks:N</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>What the logs call the receiver; the URL's host when empty.</summary>
    public string? Name { get; set; }

    /// <summary>Absolute http(s) URL the console POSTs each notification to.</summary>
    public string Url { get; set; } = "";

    /// <summary>The events the receiver wants (<see cref="NotificationEvents.All"/>); empty means all of them.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Secret: signs each body (<c>X-RhvDr-Signature</c>); never logged, never returned by the API. Empty: unsigned.</summary>
    public string? Secret { get; set; }

    /// <summary>How long one attempt may take before it counts as failed (and is retried).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The name used in logs.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Host : Name.Trim();

    /// <summary>The URL's host, the only part of the URL the logs show (a path may carry a token).</summary>
    public string Host => Uri.TryCreate(Url, UriKind.Absolute, out var url) ? url.Host : "";

    public bool Wants(string eventName) =>
        Events.Count == 0 || Events.Any(e => string.Equals(e?.Trim(), eventName, StringComparison.OrdinalIgnoreCase));

    // Keeps the secret (and the URL's path, which may carry a token) out of logs and debugger views.
    public override string ToString() => $"{DisplayName} ({Host}){(string.IsNullOrEmpty(Secret) ? "" : ", signed")}";
}
