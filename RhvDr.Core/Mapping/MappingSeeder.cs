using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RhvDr.Core.Mapping;

/// <summary>Seeds the lab's mapping in the background after start, so the first visit to the editor finds it ready.</summary>
public sealed partial class MappingSeeder(MappingService mappings, ILogger<MappingSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await mappings.EnsureSeededAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Seeding is a convenience: whatever stops it must not stop the console. The editor tries again on its first read.
            LogSeedFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The default mapping of the embedded engines could not be generated yet")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
