using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Core.Notifications;

/// <summary>Registers webhook notifications: options (validated at start), the publisher and its queues, delivery and the event sources.</summary>
public static class NotificationServiceExtensions
{
    /// <summary>
    /// Call before <c>AddRhvDrRecovery</c> and <c>AddRhvDrIncidents</c>: hosted services stop in reverse order, so the
    /// notifier still listens and delivers while the run engine marks runs interrupted at stop.
    /// </summary>
    public static IHostApplicationBuilder AddRhvDrNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotificationPublisher>();

        // Attempts are timed and retried by the dispatcher's pipeline. No redirects: a POST must not turn into a GET elsewhere.
        // No HttpClient logging: it writes the whole URL, and a receiver's path may carry a token.
        services.AddHttpClient(WebhookDispatcher.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHandler(_ => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();

        // Delivery first: it stops last, after the sources have queued what the stop itself caused.
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<NotificationSources>();
        return builder;
    }
}
