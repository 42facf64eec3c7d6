using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

public sealed class RankedSlotsTests
{
    [Fact]
    public async Task Release_SeveralWaiting_TheLowestRankGoesFirstAndACancelledOneIsPassedOver()
    {
        var slots = new RankedSlots(1);
        await slots.WaitAsync(0, CancellationToken.None);
        using var gaveUp = new CancellationTokenSource();
        var five = slots.WaitAsync(5, CancellationToken.None);
        var cancelled = slots.WaitAsync(0, gaveUp.Token);
        var one = slots.WaitAsync(1, CancellationToken.None);
        var three = slots.WaitAsync(3, CancellationToken.None);

        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        slots.Release();
        await one;
        Assert.False(three.IsCompleted || five.IsCompleted);
        slots.Release();
        await three;
        Assert.False(five.IsCompleted);
        slots.Release();
        await five;
    }
}
