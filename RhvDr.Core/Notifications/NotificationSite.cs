using RhvDr.Core.Sites;

namespace RhvDr.Core.Notifications;

/// <summary>One site of the pair as a notification names it (no engine address, no credentials).</summary>
public sealed record NotificationSite(string Name, string DisplayName, SiteRole Role);
