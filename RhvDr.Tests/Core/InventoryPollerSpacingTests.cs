using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
        var collector = new TimedCollector(TimeSpan.FromMilliseconds(60));
        // An hour between scheduled polls: any second poll within the test was brought forward by the events.
        var options = Options.Create(new RhvDrOptions { PollInterval = TimeSpan.FromHours(1) });
        using var poller = new InventoryPoller(store, collector, new EveryTickUnattributed(), new FakeReplicationMonitor(),
            new InMemoryHealthSampleRepository(), options, TimeProvider.System, NullLogger<InventoryPoller>.Instance);

        await poller.StartAsync(CancellationToken.None);
        try
        {
            await WaitFor.ConditionAsync(() => collector.Polls.Count >= 2, "a second full poll, brought forward by events");
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }

        var (firstStart, firstEnd) = collector.Polls[0];
        var secondStart = collector.Polls[1].Start;
        var firstTook = firstEnd - firstStart;
        Assert.True(secondStart - firstEnd >= firstTook * InventoryPoller.ForwardPollSpacing - TimeSpan.FromMilliseconds(2),
            $"The second full poll began {(secondStart - firstEnd).TotalMilliseconds:F0} ms after the first ended, which took {firstTook.TotalMilliseconds:F0} ms.");
    }

    /// <summary>Each full read takes a set time and returns the same small inventory; records when each began and ended.</summary>
    private sealed class TimedCollector(TimeSpan duration) : ISiteInventoryCollector
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

        public async Task<SiteInventory> CollectAsync(string site, CancellationToken cancellationToken)
        {
            var start = DateTimeOffset.UtcNow;
            await Task.Delay(duration, cancellationToken);
            lock (_polls)
            {
                _polls.Add((start, DateTimeOffset.UtcNow));
            }

            return new SiteInventory(DateTimeOffset.UtcNow, [], [], [], [], []);
        }
    }

    /// <summary>Every read has news no patch can place, so each one asks for a full read.</summary>
    private sealed class EveryTickUnattributed : IEngineEventSource
    {
        public Task<bool> HasRelevantChangesAsync(string site, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
