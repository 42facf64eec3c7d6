using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using RhvDr.Core.Audit;
using RhvDr.Core.Data;
using RhvDr.Core.Engines;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Configuration;

/// <summary>Registers Core: options, the inventory store, engine clients, pollers, replication monitoring and the database.</summary>
public static class RhvDrCoreServiceExtensions
{
    public static IHostApplicationBuilder AddRhvDrCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<RhvDrOptions>().BindConfiguration(RhvDrOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RhvDrOptions>, RhvDrOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IInventoryStore>(sp => new InventoryStore(
            sp.GetRequiredService<IOptions<RhvDrOptions>>().Value.Sites.Select(s => s.ToDescriptor()),
            sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<EngineEndpointRegistry>();
        services.AddSingleton<IEngineEndpointResolver>(sp => sp.GetRequiredService<EngineEndpointRegistry>());
        services.AddSingleton<IEngineClientFactory, EngineClientFactory>();
        services.AddSingleton<IEngineChecker, EngineChecker>();
        services.AddSingleton<SiteInventoryCollector>();
        services.AddSingleton<ISiteInventoryCollector, TopologyInventoryCollector>();
        services.AddSingleton<IEngineEventSource, EngineEventFollower>();

        // Named clients need the site names now; the handlers themselves read options and endpoints when first created.
        var configured = builder.Configuration.GetSection(RhvDrOptions.SectionName).Get<RhvDrOptions>() ?? new RhvDrOptions();
        foreach (var site in configured.Sites.Where(s => !string.IsNullOrWhiteSpace(s.Name)).Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            AddEngineHttpClient(services, site);
        }

        // A failing engine is reported once, in words, by the poller or the run; Polly's events for each attempt (a retry,
        // a timeout, the last attempt) stay below the log's default level instead of lines per call per poll.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Event.Severity is ResilienceEventSeverity.Warning or ResilienceEventSeverity.Error or ResilienceEventSeverity.Critical
                ? ResilienceEventSeverity.Information
                : args.Event.Severity);
        // A module that can read an array (the console's lab module) replaces this, whichever is registered first.
        services.TryAddSingleton<IReplicationMonitor, NoReplicationMonitor>();

        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton(sp => new SchemaMigrator(sp.GetRequiredService<SqliteConnectionFactory>(), SchemaMigrations.All, sp.GetService<Microsoft.Extensions.Logging.ILogger<SchemaMigrator>>()));
        services.AddSingleton<IHealthSampleRepository, HealthSampleRepository>();
        builder.AddRhvDrAudit();

        // Order matters: hosted services start in registration order, so the schema exists before the first poll writes.
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<InventoryPoller>();
        return builder;
    }

    private static void AddEngineHttpClient(IServiceCollection services, string site)
    {
        var name = OvirtHttpClientNames.ForSite(site);
        services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHandler(sp => EngineHttpHandlerFactory.Create(TlsFor(sp, site)))
            .AddResilienceHandler($"{name}-resilience", (pipeline, context) =>
            {
                var timeout = context.ServiceProvider.GetRequiredService<IOptions<RhvDrOptions>>().Value.EngineTimeout;
                pipeline.AddTimeout(timeout);

                // Only reads are retried: an action repeated after a lost answer could run twice on the engine.
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),

                    // An engine's "Retry-After: 30" would spend the whole call waiting and end as a timeout instead of the
                    // 503 it is; the next poll is the later attempt.
                    ShouldRetryAfterHeader = false,
                };
                retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);

                // Each attempt gets a share of the total so a hung attempt still leaves time for a retry.
                pipeline.AddTimeout(TimeSpan.FromTicks(Math.Max(timeout.Ticks / 2, TimeSpan.FromSeconds(1).Ticks)));
            });
    }

    private static EngineTlsOptions TlsFor(IServiceProvider services, string site)
    {
        if (services.GetRequiredService<IEngineEndpointResolver>().TryGet(site, out var endpoint))
        {
            return endpoint.Tls;
        }
        var options = services.GetRequiredService<IOptions<RhvDrOptions>>().Value.Sites
            .FirstOrDefault(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase));
        return options is null ? EngineTlsOptions.SystemTrust : new EngineTlsOptions(options.CaFile, options.CaFingerprint, options.Insecure);
    }
}
