using Microsoft.Extensions.Hosting;

namespace RhvDr.Core.Recovery;

/// <summary>Marks runs a previous process left active as interrupted at start, and interrupts executing runs at stop.</summary>
public sealed class RecoveryRunnerService(RecoveryRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.MarkInterruptedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runner.StopAsync().WaitAsync(cancellationToken);
}
