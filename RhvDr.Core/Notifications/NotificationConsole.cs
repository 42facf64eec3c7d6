using RhvDr.Core.Configuration;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Notifications;

/// <summary>Which console sent a notification: its machine and the site pair it watches, for receivers that hear from several.</summary>
public sealed record NotificationConsole(string Host, IReadOnlyList<NotificationSite> Sites)
{
    public static NotificationConsole From(RhvDrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NotificationConsole(
            Environment.MachineName,
            options.Sites.Select(s => s.ToDescriptor()).Select(s => new NotificationSite(s.Name, SiteName.Of(s), s.Role)).ToList());
    }
}
