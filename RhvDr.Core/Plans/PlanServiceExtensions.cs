using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RhvDr.Core.Plans;

/// <summary>Registers the recovery plans: the SQLite store of their versions and the service. Call after <c>AddRhvDrMapping</c>.</summary>
public static class PlanServiceExtensions
{
    public static IHostApplicationBuilder AddRhvDrPlans(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IPlanStore, SqlitePlanStore>();
        builder.Services.TryAddSingleton<PlanService>();
        return builder;
    }
}
