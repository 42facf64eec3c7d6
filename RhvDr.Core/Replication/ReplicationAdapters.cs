using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RhvDr.Core.Replication;

/// <summary>The name a replication adapter is chosen by in <c>RhvDr:Recovery:Replication</c>.</summary>
public sealed record ReplicationAdapterName(string Name);

/// <summary>
/// Where replication adapters are registered: Core adds <c>manual</c> and <c>command</c>; a module that knows an array adds
/// its own (the console's lab module adds <c>lab</c>). <c>RhvDr:Recovery:Replication</c> picks one by name, and the options
/// validator lists the names registered.
/// </summary>
public static class ReplicationAdapters
{
    /// <summary>Registers <typeparamref name="TController"/> as the adapter called <paramref name="name"/> (lower case).</summary>
    public static IServiceCollection AddReplicationController<TController>(this IServiceCollection services, string name)
        where TController : class, IReplicationController
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.Trim().ToLowerInvariant();
        services.TryAddSingleton<TController>();
        services.AddKeyedSingleton<IReplicationController>(key, (sp, _) => sp.GetRequiredService<TController>());
        services.AddSingleton(new ReplicationAdapterName(key));
        return services;
    }
}
