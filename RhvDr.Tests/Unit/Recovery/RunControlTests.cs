using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

/// <summary>The operator's hand on a running run: a pause asks once however many steps reach it, confirm continues, cancel ends a wait.</summary>
public sealed class RunControlTests : IDisposable
{
    private readonly List<string> _recorded = [];
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _asked = new(0);
    private readonly RunControl _control;

    public RunControlTests()
    {
        _control = new RunControl(
            _lifetime.Token,
            (instructions, _) =>
            {
                Record($"waiting: {instructions}");
                _asked.Release();
                return Task.CompletedTask;
            },
            _ =>
            {
                Record("continuing");
                return Task.CompletedTask;
            });
    }

    public void Dispose()
    {
        _control.Dispose();
        _lifetime.Dispose();
        _asked.Dispose();
    }

    [Fact]
    public async Task SafePoint_PauseRequestedWithStepsSideBySide_AsksOnceAndAllContinueOnConfirm()
    {
        _control.RequestPause();

        var steps = Enumerable.Range(0, 5).Select(_ => Task.Run(_control.SafePointAsync)).ToList();
        Assert.True(await _asked.WaitAsync(TimeSpan.FromSeconds(10)), "the run never asked the operator");

        Assert.DoesNotContain(steps, s => s.IsCompleted);
        Assert.True(_control.Confirm());
        await Task.WhenAll(steps);
        Assert.Equal([$"waiting: {RunControl.PauseInstructions}", "continuing"], Recorded);
    }

    [Fact]
    public async Task SafePoint_NoPauseRequested_ContinuesWithoutAsking()
    {
        await _control.SafePointAsync();

        Assert.Empty(Recorded);
        Assert.False(_control.Confirm());
    }

    [Fact]
    public async Task Prompt_CancelledByAnOperator_EndsTheWaitAndSaysSo()
    {
        var prompt = _control.PromptAsync("Promote the volumes at recovery, then confirm.", CancellationToken.None);
        Assert.True(await _asked.WaitAsync(TimeSpan.FromSeconds(10)), "the run never asked the operator");

        _control.RequestCancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => prompt);
        Assert.True(_control.CancelRequested);
        Assert.Equal(["waiting: Promote the volumes at recovery, then confirm."], Recorded);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(_control.SafePointAsync);
    }

    [Fact]
    public async Task Pause_CancelledWhileStepsWait_EndsEveryStepsWait()
    {
        _control.RequestPause();
        var steps = Enumerable.Range(0, 3).Select(_ => Task.Run(_control.SafePointAsync)).ToList();
        Assert.True(await _asked.WaitAsync(TimeSpan.FromSeconds(10)), "the run never asked the operator");

        _control.RequestCancel();

        foreach (var step in steps)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => step);
        }
    }

    [Fact]
    public async Task Prompt_ConsoleStopping_EndsTheWaitWithoutAnOperatorsCancel()
    {
        var prompt = _control.PromptAsync("Sync the replicas, then confirm.", CancellationToken.None);
        Assert.True(await _asked.WaitAsync(TimeSpan.FromSeconds(10)), "the run never asked the operator");

        await _lifetime.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => prompt);
        Assert.False(_control.CancelRequested);
        Assert.True(_control.Cancellation.IsCancellationRequested);
    }

    private IReadOnlyList<string> Recorded
    {
        get
        {
            lock (_recorded)
            {
                return [.. _recorded];
            }
        }
    }

    private void Record(string what)
    {
        lock (_recorded)
        {
            _recorded.Add(what);
        }
    }
}
