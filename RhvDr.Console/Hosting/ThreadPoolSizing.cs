using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Console.Hosting;

/// <summary>
/// Raises the thread pool's ready worker threads to <see cref="RhvDrOptions.MinWorkerThreads"/> before anything else starts.
/// With one thread per core, two CPU-bound pieces of work (parsing a full poll of thousands of VMs, the embedded lab
/// rendering it) take every thread the pool will run, and hub sends and page updates wait until the pool adds threads,
/// which it does about twice a second. With threads ready, the operating system shares the cores among all of them instead.
/// Never lowers what the runtime (or <c>DOTNET_ThreadPool_ForceMinWorkerThreads</c>) already set.
/// </summary>
public sealed partial class ThreadPoolSizing(IOptions<RhvDrOptions> options, ILogger<ThreadPoolSizing> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var wanted = options.Value.EffectiveMinWorkerThreads(Environment.ProcessorCount);
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (wanted > workers && ThreadPool.SetMinThreads(wanted, io))
        {
            workers = wanted;
        }
        LogSized(logger, workers);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "The thread pool keeps {Workers} worker threads ready")]
    private static partial void LogSized(ILogger logger, int workers);
}
