using RhvDr.Console.Components.Controls;

namespace RhvDr.Tests.Components;

/// <summary>A page's background loop never fails silently: a fault reaches the renderer's error handling, a stop does not.</summary>
public sealed class ComponentLoopTests
{
    [Fact]
    public async Task Start_LoopThrows_TheFaultIsReported()
    {
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);

        ComponentLoop.Start(_ => throw new InvalidOperationException("the store went away"), CancellationToken.None, ex =>
        {
            reported.SetResult(ex);
            return Task.CompletedTask;
        });

        var error = await reported.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("the store went away", error.Message);
    }

    [Fact]
    public async Task Run_ComponentStops_LoopEndsWithoutAReport()
    {
        using var stopping = new CancellationTokenSource();
        var reports = 0;

        var loop = ComponentLoop.RunAsync(ct => Task.Delay(Timeout.Infinite, ct), stopping.Token, _ =>
        {
            reports++;
            return Task.CompletedTask;
        });
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, reports);
    }
}
