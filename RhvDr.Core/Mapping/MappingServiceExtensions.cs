using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Core.Mapping;

/// <summary>Registers the DR mapping: the input limits (<c>RhvDr:Limits</c>), inventory source and the memory of its last reads, SQLite store, the service and the lab seeder. Where replicas are presented comes from an <see cref="IReplicaEndpointSource"/> a module registers (the console's lab module); without one, generation keeps its own guesses. Call after <c>AddRhvDrCore</c>.</summary>
public static class MappingServiceExtensions
{
    public static IHostApplicationBuilder AddRhvDrMapping(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>());
        services.TryAddSingleton<IMappingInventorySource, EngineMappingInventorySource>();
        services.TryAddSingleton<MappingInventoryMemory>();
        services.TryAddSingleton<IMappingStore, SqliteMappingStore>();
        services.TryAddSingleton<MappingService>();

        // After the database initializer (registered by AddRhvDrCore), so the table exists.
        services.AddHostedService<MappingSeeder>();
        return builder;
    }
}
