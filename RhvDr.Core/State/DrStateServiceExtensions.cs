using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RhvDr.Core.State;

/// <summary>Registers the DR state: its store and the monitor that keeps it current.</summary>
public static class DrStateServiceExtensions
{
    /// <summary>Call after the incidents and the run engine are registered: the monitor follows both.</summary>
    public static IHostApplicationBuilder AddRhvDrState(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IDrStateStore, DrStateStore>();
        builder.Services.AddHostedService<DrStateMonitor>();
        return builder;
    }
}
