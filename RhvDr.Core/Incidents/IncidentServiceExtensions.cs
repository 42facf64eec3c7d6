using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RhvDr.Core.Monitoring;

namespace RhvDr.Core.Incidents;

/// <summary>Registers the incident monitor: store (SQLite, migration 5), detector loop and the engine event feed it follows.</summary>
public static class IncidentServiceExtensions
{
    /// <summary>Call after <c>AddRhvDrCore</c>: the monitor starts after the database is migrated.</summary>
    public static IHostApplicationBuilder AddRhvDrIncidents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<EngineEventLog>();
        builder.Services.TryAddSingleton<IIncidentRepository, IncidentRepository>();
        builder.Services.TryAddSingleton<IIncidentStore, IncidentStore>();
        builder.Services.TryAddSingleton<StillDownStarter>();
        builder.Services.AddHostedService<IncidentMonitor>();
        return builder;
    }
}
