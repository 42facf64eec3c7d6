using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Core.Mapping;
using RhvDr.Core.Readiness.Checks;

namespace RhvDr.Core.Readiness;

/// <summary>Registers readiness: options, the checks, the evaluator, the store, SQLite history, metrics and the monitor.</summary>
public static class ReadinessServiceExtensions
{
    /// <summary>Call after <c>AddRhvDrCore</c> (it needs the inventory store and the database).</summary>
    public static IHostApplicationBuilder AddRhvDrReadiness(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReadinessOptions>, ReadinessOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Adding a check is one line here and one class in Checks/.
        services.AddSingleton<IReadinessCheck, EngineConnectivityCheck>();
        services.AddSingleton<IReadinessCheck, ReplicationCheck>();
        services.AddSingleton<IReadinessCheck, MappingCheck>();
        services.AddSingleton<IReadinessCheck, RecoveryCapacityCheck>();
        services.AddSingleton<IReadinessCheck, OvfStoreCheck>();
        services.AddSingleton<IReadinessCheck, VmProtectionCheck>();
        services.AddSingleton<IReadinessCheck, ExcludedDomainsCheck>();
        services.AddSingleton<IReadinessCheck, PowerManagementCheck>();
        services.AddSingleton<IReadinessCheck, TestFailoverCheck>();
        services.AddSingleton<IReadinessCheck, ActiveActiveHaCheck>();

        // The run engine replaces this with its own history; the mapping branch registers the mapping store and source.
        services.TryAddSingleton<IRecoveryHistory, NoRecoveryHistory>();
        // Reads are remembered below the cache, so the memory holds when each engine was really read.
        services.AddSingleton(sp =>
        {
            var memory = sp.GetService<MappingInventoryMemory>();
            return new ReadinessSources(
                sp.GetService<IMappingStore>(),
                sp.GetService<IMappingInventorySource>() is { } source
                    ? new CachedMappingInventorySource(memory?.Through(source) ?? source, sp.GetRequiredService<IOptions<ReadinessOptions>>().Value.MappingInventoryMaxAge, sp.GetRequiredService<TimeProvider>())
                    : null,
                sp.GetRequiredService<IRecoveryHistory>(),
                memory);
        });
        services.AddSingleton<ReadinessEvaluator>();
        services.AddSingleton<IReadinessStore, ReadinessStore>();
        services.AddSingleton<IReadinessHistoryRepository, ReadinessHistoryRepository>();
        services.AddSingleton<ReadinessMetrics>();
        services.AddSingleton<ReadinessMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadinessMonitor>());
        return builder;
    }
}
