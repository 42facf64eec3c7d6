namespace RhvDr.Tests.Integration;

/// <summary>The console sizes the thread pool before its lab and pollers start.</summary>
public sealed class ThreadPoolSizingTests
{
    [Fact]
    public async Task Start_MinWorkerThreadsSetting_KeepsThatManyWorkerThreadsReady()
    {
        // The pool is one per process and is never lowered, so the test asks for more than the automatic figure.
        var wanted = Math.Max(16, 4 * Environment.ProcessorCount) + 8;
        await using var console = new ConsoleAppFactory();
        console.Settings["RhvDr:MinWorkerThreads"] = wanted.ToString(System.Globalization.CultureInfo.InvariantCulture);

        _ = console.BaseAddress;

        ThreadPool.GetMinThreads(out var workers, out _);
        Assert.True(workers >= wanted, $"the pool keeps {workers} worker threads ready; the setting asked for {wanted}");
    }
}
