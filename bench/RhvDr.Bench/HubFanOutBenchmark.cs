using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Hubs;
using RhvDr.Core.Recovery;
using RhvDr.Tests.Integration;

namespace RhvDr.Bench;

/// <summary>
/// N SignalR clients (the public client library, WebSockets over loopback) subscribe to one run on <c>/hubs/dr</c>; events are
/// published through the console's <see cref="IRunNotifier"/> at a steady rate, exactly as the run engine publishes them, and
/// travel the production path (notifier, <c>RunHubPublisher</c>, hub group). Latency is publish to receive on one clock.
/// <c>batched</c> subscribes with <c>SubscribeRunBatches</c> (<c>RunEvents</c>, arrays per drained batch) instead of
/// <c>SubscribeRun</c> (<c>RunEvent</c>, one message per event); each event in an array counts as received when the array is.
/// Clients bind each event to a record of the two fields they read (run id and sequence), as a script or bot would, rather than
/// to a <c>JsonElement</c> document: the clients share the console's process and cores, and copying every message into a
/// document cost them about a quarter of the CPU the whole fan-out used.
/// Every measurement starts with a full blocking GC and one unmeasured second of events on another run, so the previous figure's
/// garbage (the render benchmark's heap), connection start-up, JIT and thread pool growth do not land on whichever stream is
/// measured first: without them, whichever stream ran first measured the higher p99 in all six runs tried (1.2-3.8x).
/// </summary>
public static class HubFanOutBenchmark
{
    public sealed record Result(int Clients, int Events, double P50Ms, double P99Ms, double MaxMs, long Lost, long OutOfOrder, double DrainSeconds);

    public static async Task<Result> RunAsync(ConsoleAppFactory console, int clients, int events, int eventsPerSecond, bool batched, CancellationToken ct)
    {
        var notifier = console.Services.GetRequiredService<IRunNotifier>();
        var hubUrl = new Uri(console.BaseAddress, DrHub.Path.TrimStart('/'));
        var runId = "bench-" + Guid.NewGuid().ToString("N");
        var warmUpRunId = runId + "-warm-up";
        var clock = Stopwatch.StartNew();
        var published = new long[events + 1];
        var latencies = new ConcurrentBag<double[]>();
        var lost = 0L;
        var outOfOrder = 0L;
        var warmUpReceived = 0L;
        var connections = new List<HubConnection>();
        var receivers = new List<Receiver>();
        try
        {
            for (var c = 0; c < clients; c++)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(hubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(ConsoleAppFactory.AdminToken))
                    .Build();
                var receiver = new Receiver(events);
                void Receive(ReceivedEvent e, long now)
                {
                    if (e.RunId == runId)
                    {
                        receiver.Receive(e.Sequence, now);
                    }
                    else
                    {
                        Interlocked.Increment(ref warmUpReceived);
                    }
                }

                if (batched)
                {
                    connection.On<ReceivedEvent[]>(DrHub.RunEvents, batch =>
                    {
                        var now = clock.ElapsedTicks;
                        foreach (var e in batch)
                        {
                            Receive(e, now);
                        }
                    });
                }
                else
                {
                    connection.On<ReceivedEvent>(DrHub.RunEvent, e => Receive(e, clock.ElapsedTicks));
                }

                await connection.StartAsync(ct);
                var subscribe = batched ? nameof(DrHub.SubscribeRunBatches) : nameof(DrHub.SubscribeRun);
                await connection.InvokeAsync(subscribe, warmUpRunId, ct);
                await connection.InvokeAsync(subscribe, runId, ct);
                connections.Add(connection);
                receivers.Add(receiver);
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await PublishAsync(notifier, clock, warmUpRunId, eventsPerSecond, eventsPerSecond, null, ct);
            var warmUpDeadline = clock.Elapsed + TimeSpan.FromSeconds(30);
            while (Interlocked.Read(ref warmUpReceived) < (long)eventsPerSecond * clients && clock.Elapsed < warmUpDeadline)
            {
                await Task.Delay(20, ct);
            }

            var gcBefore = (Pause: GC.GetTotalPauseDuration(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
            await PublishAsync(notifier, clock, runId, events, eventsPerSecond, published, ct);

            var publishedAll = clock.Elapsed;
            System.Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"  hub {(batched ? "batched" : "per-event")}: while publishing, GC paused the process {(GC.GetTotalPauseDuration() - gcBefore.Pause).TotalMilliseconds:F0} ms in {GC.CollectionCount(0) - gcBefore.Gen0} collections (gen1 {GC.CollectionCount(1) - gcBefore.Gen1}, gen2 {GC.CollectionCount(2) - gcBefore.Gen2}); the last one paused it {GC.GetGCMemoryInfo(GCKind.Any).PauseDurations[0].TotalMilliseconds:F0} ms"));
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(60);
            while (receivers.Any(r => r.Count < events) && clock.Elapsed < deadline)
            {
                await Task.Delay(20, ct);
            }

            var drain = (clock.Elapsed - publishedAll).TotalSeconds;
            foreach (var r in receivers)
            {
                lost += events - r.Count;
                outOfOrder += r.OutOfOrder;
                latencies.Add(r.Latencies(published));
            }

            var all = latencies.SelectMany(l => l).ToArray();
            return new Result(clients, events, Percentiles.Of(all, 50), Percentiles.Of(all, 99), all.Length == 0 ? double.NaN : all.Max(), lost, outOfOrder, drain);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Publishes <paramref name="events"/> log events of one run at a steady rate, recording each publish time when asked.</summary>
    private static async Task PublishAsync(IRunNotifier notifier, Stopwatch clock, string runId, int events, int eventsPerSecond, long[]? published, CancellationToken ct)
    {
        var run = new RecoveryRun
        {
            Id = runId, Kind = RunKind.Failover, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
            RequestedBy = "bench", CreatedAt = DateTimeOffset.UtcNow, Status = RunStatus.Running,
        };
        var details = new RunDetails(run, [], [], []);
        var interval = Stopwatch.Frequency / (double)eventsPerSecond;
        var start = clock.ElapsedTicks;
        for (var s = 1; s <= events; s++)
        {
            var due = start + (long)(s * interval);
            while (clock.ElapsedTicks < due)
            {
                var wait = (due - clock.ElapsedTicks) * 1000 / Stopwatch.Frequency;
                if (wait > 1)
                {
                    await Task.Delay((int)wait, ct);
                }
            }

            var log = new RunLogEntry(runId, s, DateTimeOffset.UtcNow, RunLogLevel.Info, $"event {s}");
            if (published is not null)
            {
                published[s] = clock.ElapsedTicks;
            }

            notifier.Publish(new RunEvent(runId, s, DateTimeOffset.UtcNow, RunEventKind.Log, log), details);
        }
    }

    /// <summary>The two fields a client reads of each event; the rest of the message is skipped, not parsed into a document.</summary>
    private sealed record ReceivedEvent(string RunId, long Sequence);

    private sealed class Receiver(int events)
    {
        private readonly long[] _received = new long[events + 1];
        private long _last;

        public int Count { get; private set; }

        public int OutOfOrder { get; private set; }

        // SignalR calls one client's handlers one at a time, in arrival order.
        public void Receive(long sequence, long at)
        {
            if (sequence <= _last)
            {
                OutOfOrder++;
            }
            else
            {
                _last = sequence;
            }
            if (sequence >= 1 && sequence < _received.Length && _received[sequence] == 0)
            {
                _received[sequence] = at;
                Count++;
            }
        }

        public double[] Latencies(long[] published) =>
            [.. Enumerable.Range(1, _received.Length - 1).Where(s => _received[s] != 0).Select(s => (_received[s] - published[s]) * 1000.0 / Stopwatch.Frequency)];
    }
}
