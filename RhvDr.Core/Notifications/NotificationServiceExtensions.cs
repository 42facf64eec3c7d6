using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RhvDr.Core.Notifications;

/// <summary>Registers webhook notifications: options (validated at start), the publisher and its queues, delivery.</summary>
public static class NotificationServiceExtensions
{
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
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();

        services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}
