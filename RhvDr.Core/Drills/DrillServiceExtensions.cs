using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RhvDr.Core.Drills;

/// <summary>Registers drills: options, the clock, the SQLite records, the runner, readiness's reader and the scheduler.</summary>
public static class DrillServiceExtensions
{
    /// <summary>Call after <c>AddRhvDrPlans</c> and <c>AddRhvDrRecovery</c>: drills start runs of the plans.</summary>
    public static IHostApplicationBuilder AddRhvDrDrills(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DrillOptions>().BindConfiguration(DrillOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DrillClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDrillStore, SqliteDrillStore>();
        services.TryAddSingleton<DrillRunner>();
        services.TryAddSingleton<DrillStatusReader>();
        services.AddHostedService<DrillScheduler>();
        return builder;
    }
}
