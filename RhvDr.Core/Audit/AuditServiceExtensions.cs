using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RhvDr.Core.Audit;

/// <summary>Registers the audit trail (SQLite, migration 6).</summary>
public static class AuditServiceExtensions
{
    /// <summary>Called by <c>AddRhvDrCore</c>, which registers the connection factory and the migrator the trail needs.</summary>
    public static IHostApplicationBuilder AddRhvDrAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IAuditTrail, SqliteAuditTrail>();
        return builder;
    }
}
