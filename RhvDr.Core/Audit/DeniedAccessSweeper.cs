using Microsoft.Extensions.Hosting;

namespace RhvDr.Core.Audit;

/// <summary>Writes folded refusal counts once their minute is over, also for a caller who stopped after a flood.</summary>
public sealed class DeniedAccessSweeper(DeniedAccessRecorder recorder, TimeProvider time) : BackgroundService
{
    /// <summary>A folded count is written at most this long after its minute ends.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await recorder.FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Refusals folded in the last minute before a stop are written too.
        await recorder.FlushAllAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
