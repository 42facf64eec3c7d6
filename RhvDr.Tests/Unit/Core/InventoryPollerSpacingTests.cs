using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Configuration;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Core;

/// <summary>Full polls brought forward by events: a storm of changes does not turn into a full read every event tick.</summary>
public sealed class InventoryPollerSpacingTests
{
    private static readonly SiteDescriptor Primary = new("primary", "Prod", SiteRole.Primary, "lab:primary", true);

    [Fact]
    public async Task Poller_EveryTickNeedsAFullRead_NextFullPollWaitsTenTimesTheLastOnesDuration()
    {
        var store = new InventoryStore([Primary]);
        var clock = new TimerCountingClock();
        var collector = new TimedCollector(clock, TimeSpan.FromSeconds(3));
        // An hour between scheduled polls: any second poll within the test was brought forward by the events.
        var options = Options.Create(new RhvDrOptions { PollInterval = TimeSpan.FromHours(1) });
        using var poller = new InventoryPoller(store, collector, new EveryTickUnattributed(), new FakeReplicationMonitor(),
            new InMemoryHealthSampleRepository(), options, clock, NullLogger<InventoryPoller>.Instance);

        await poller.StartAsync(CancellationToken.None);
        try
        {
            // The first full poll, then the news read right after it, leave the poller waiting on the one timer it made.
            await WaitFor.ConditionAsync(() => collector.Polls.Count == 1 && clock.TimersCreated == 1, "the poller to wait after its first full poll");
            var (firstStart, firstEnd) = collector.Polls[0];
            Assert.Equal(TimeSpan.FromSeconds(3), firstEnd - firstStart);

            clock.Advance(firstEnd + TimeSpan.FromSeconds(30) - clock.GetUtcNow() - TimeSpan.FromTicks(1));
            Assert.Single(collector.Polls);

            clock.Advance(TimeSpan.FromTicks(1));
            await WaitFor.ConditionAsync(() => collector.Polls.Count == 2, "a second full poll, brought forward by events");
            Assert.Equal(firstEnd + (TimeSpan.FromSeconds(3) * InventoryPoller.ForwardPollSpacing), collector.Polls[1].Start);
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A fake clock that counts the timers made on it, so a test knows when the poller is waiting.</summary>
    private sealed class TimerCountingClock : FakeTimeProvider
    {
        private int _timersCreated;

        public int TimersCreated => Volatile.Read(ref _timersCreated);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timersCreated);
            return timer;
        }
    }

    /// <summary>Each full read takes a set time on the fake clock and returns the same small inventory; records when each began and ended.</summary>
    private sealed class TimedCollector(FakeTimeProvider clock, TimeSpan duration) : ISiteInventoryCollector
    {
        private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _polls = [];

        public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Polls
        {
            get
            {
                lock (_polls)
                {
                    return [.. _polls];
                }
            }
        }

        public Task<SiteInventory> CollectAsync(string site, CancellationToken cancellationToken)
        {
            var start = clock.GetUtcNow();
            clock.Advance(duration);
            lock (_polls)
            {
                _polls.Add((start, clock.GetUtcNow()));
            }

            return Task.FromResult(new SiteInventory(clock.GetUtcNow(), [], [], [], [], []));
        }
    }

    /// <summary>Every read has news no patch can place, so each one asks for a full read.</summary>
    private sealed class EveryTickUnattributed : IEngineEventSource
    {
        public Task<bool> HasRelevantChangesAsync(string site, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
