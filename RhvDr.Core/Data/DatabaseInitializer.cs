using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Core.Data;

/// <summary>Migrates the database and prunes old history before the pollers start (hosted services start in order).</summary>
public sealed partial class DatabaseInitializer(
    SchemaMigrator migrator,
    IHealthSampleRepository samples,
    IOptions<RhvDrOptions> options,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var pruned = await samples.PruneAsync(time.GetUtcNow().AddDays(-options.Value.HistoryRetentionDays), cancellationToken).ConfigureAwait(false);
        if (pruned > 0)
        {
            LogPruned(logger, pruned, options.Value.HistoryRetentionDays);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} health samples older than {Days} days")]
    private static partial void LogPruned(ILogger logger, int count, int days);
}
