using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Recovery;
using RhvDr.Core.Replication;

namespace RhvDr.Console.Lab;

/// <summary>
/// The lab array as Core's replication abstractions: the <c>lab</c> replication adapter, the replication monitor of lab
/// sites, where replicas are presented (for mapping generation) and the planner's reading of the array. Each reads the array
/// of <see cref="LabArraySource"/> and is idle until the lab has started.
/// </summary>
public static class LabArrayReplication
{
    /// <summary>The adapter's name in <c>RhvDr:Recovery:Replication</c>.</summary>
    public const string AdapterName = "lab";

    /// <summary>The <see cref="IHttpClientFactory"/> client that calls the lab array.</summary>
    public const string HttpClientName = "rhvdr-lab-array";

    /// <summary>
    /// Registers the lab array's adapters next to Core's; call before or after <c>AddRhvDrCore</c>, <c>AddRhvDrMapping</c>
    /// and <c>AddRhvDrRecovery</c>. When every site is a lab site, <c>lab</c> becomes the default replication adapter and the
    /// sanlock wait follows the lab's clock (<c>Lab:TimeScale</c>), unless <c>RhvDr:Recovery</c> sets them
    /// (<see cref="IRecoveryDefaults"/>).
    /// </summary>
    public static IHostApplicationBuilder AddLabArrayReplication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingleton<LabArraySource>();
        services.AddTransient<LabArrayCredentialHandler>();
        services.AddHttpClient(HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10))
            .UseSocketsHandler()
            .AddHttpMessageHandler<LabArrayCredentialHandler>();

        services.AddReplicationController<LabArrayReplicationController>(AdapterName);
        services.RemoveAll<IReplicatedVolumeSource>();
        services.AddSingleton<IReplicatedVolumeSource>(sp => sp.GetRequiredService<LabArrayReplicationController>());
        services.RemoveAll<IReplicaEndpointSource>();
        services.AddSingleton<IReplicaEndpointSource, LabArrayReplicaEndpointSource>();

        var sites = configuration.GetSection(RhvDrOptions.SectionName).Get<RhvDrOptions>()?.Sites ?? [];
        if (sites.Any(EmbeddedLabModule.IsLabSite))
        {
            services.RemoveAll<IReplicationMonitor>();
            services.AddSingleton<IReplicationMonitor, LabArrayReplicationMonitor>();
        }

        services.AddSingleton<IRecoveryDefaults>(new LabRecoveryDefaults(configuration));
        return builder;
    }

    /// <summary>When every site is a lab site: the <c>lab</c> adapter, and the sanlock wait on the lab's clock.</summary>
    private sealed class LabRecoveryDefaults(IConfiguration configuration) : IRecoveryDefaults
    {
        public void Apply(RecoveryOptions options)
        {
            var sites = configuration.GetSection(RhvDrOptions.SectionName).Get<RhvDrOptions>()?.Sites ?? [];
            if (sites.Count == 0 || !sites.All(EmbeddedLabModule.IsLabSite))
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(options.Replication))
            {
                options.Replication = AdapterName;
            }

            // Lab sites live on the lab's clock: the 80 s wait shrinks with its time scale (to nothing in tests).
            if (double.TryParse(configuration["Lab:TimeScale"], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale))
            {
                options.SanlockWait ??= RecoveryServiceExtensions.DefaultSanlockWait * Math.Max(0, scale);
            }
        }
    }

    /// <summary>The lab's name for a configured site (<c>lab:NAME</c>); other names pass through.</summary>
    public static string ArraySite(RhvDrOptions options, string site)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Sites.FirstOrDefault(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase))?.Embedded?.Name ?? site;
    }

    /// <summary>The configured site that is the lab's site <paramref name="labSite"/>; other names pass through.</summary>
    public static string ConsoleSite(RhvDrOptions options, string labSite)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Sites.FirstOrDefault(s => EmbeddedLabModule.IsLabSite(s) && string.Equals(s.Embedded?.Name, labSite, StringComparison.OrdinalIgnoreCase))?.Name ?? labSite;
    }
}
