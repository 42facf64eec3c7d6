using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Recovery;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>
/// The hub's two run streams on the running console: <c>SubscribeRun</c> (one <c>RunEvent</c> per event) and
/// <c>SubscribeRunBatches</c> (<c>RunEvents</c> arrays), fed through the console's own notifier as the run engine feeds it.
/// </summary>
public sealed class RunHubStreamTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _factory = new();
    private readonly List<HubConnection> _connections = [];

    public Task InitializeAsync()
    {
        _factory.Settings["Lab:VmsPerSite"] = "10";
        _factory.Settings["Lab:HostsPerSite"] = "2";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task SubscribeRunBatches_BusyRun_EveryClientGetsEveryEventOnceInOrderInFewerMessages()
    {
        var notifier = _factory.Services.GetRequiredService<IRunNotifier>();
        var batched = new[] { await ConnectAsync("SubscribeRunBatches", "run-a"), await ConnectAsync("SubscribeRunBatches", "run-a"), await ConnectAsync("SubscribeRunBatches", "run-a") };
        var perEvent = await ConnectAsync("SubscribeRun", "run-a");
        var otherRun = await ConnectAsync("SubscribeRunBatches", "run-b");
        Client[] all = [.. batched, perEvent];

        // Two bursts: the second is larger than one message may carry, and run-b's events are interleaved with run-a's.
        Publish(notifier, "run-a", 1, 300);
        await WaitFor.ConditionAsync(() => all.All(c => c.Count == 300), "every run-a client to get the first burst");
        for (var s = 301; s <= 2500; s += 100)
        {
            Publish(notifier, "run-a", s, s + 99);
            Publish(notifier, "run-b", (s / 100) - 2, (s / 100) - 2);
        }
        await WaitFor.ConditionAsync(() => all.All(c => c.Count == 2500) && otherRun.Count == 22, "every client to get every event");

        foreach (var client in all)
        {
            Assert.Equal(Enumerable.Range(1, 2500).Select(s => (long)s), client.Sequences);
            Assert.All(client.RunIds, id => Assert.Equal("run-a", id));
        }
        Assert.All(batched, c => Assert.InRange(c.Messages, 3, 2499));
        Assert.Equal(2500, perEvent.Messages);
        Assert.Equal(Enumerable.Range(1, 22).Select(s => (long)s), otherRun.Sequences);
        Assert.All(otherRun.RunIds, id => Assert.Equal("run-b", id));
        Assert.Equal("event 2500", batched[0].LastMessage);
    }

    [Fact]
    public async Task UnsubscribeRunBatches_AfterwardsEvents_NoLongerArrive()
    {
        var notifier = _factory.Services.GetRequiredService<IRunNotifier>();
        var leaving = await ConnectAsync("SubscribeRunBatches", "run-c");
        var staying = await ConnectAsync("SubscribeRunBatches", "run-c");

        Publish(notifier, "run-c", 1, 5);
        await WaitFor.ConditionAsync(() => leaving.Count == 5 && staying.Count == 5, "both clients to get the first events");
        await leaving.Connection.InvokeAsync("UnsubscribeRunBatches", "run-c");
        Publish(notifier, "run-c", 6, 10);
        await WaitFor.ConditionAsync(() => staying.Count == 10, "the staying client to get the later events");

        // The staying client got events 6-10, sent after the unsubscribe returned; the leaving one must not have.
        Assert.Equal(Enumerable.Range(1, 5).Select(s => (long)s), leaving.Sequences);
    }

    private async Task<Client> ConnectAsync(string subscribe, string runId)
    {
        var connection = _factory.CreateHubConnection();
        _connections.Add(connection);
        var client = new Client(connection);
        connection.On<JsonElement>("RunEvent", e => client.Receive([e]));
        connection.On<JsonElement>("RunEvents", batch => client.Receive([.. batch.EnumerateArray()]));
        await connection.StartAsync();
        await connection.InvokeAsync(subscribe, runId);
        return client;
    }

    private static void Publish(IRunNotifier notifier, string runId, int from, int to)
    {
        var run = new RecoveryRun
        {
            Id = runId, Kind = RunKind.Failover, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
            RequestedBy = "test", CreatedAt = DateTimeOffset.UtcNow, Status = RunStatus.Running,
        };
        var details = new RunDetails(run, [], [], []);
        for (var s = from; s <= to; s++)
        {
            var log = new RunLogEntry(runId, s, DateTimeOffset.UtcNow, RunLogLevel.Info, $"event {s}");
            notifier.Publish(new RunEvent(runId, s, DateTimeOffset.UtcNow, RunEventKind.Log, log), details);
        }
    }

    /// <summary>What one hub client received; SignalR runs one connection's handlers one at a time.</summary>
    private sealed class Client(HubConnection connection)
    {
        private readonly Lock _gate = new();
        private readonly List<long> _sequences = [];
        private readonly List<string> _runIds = [];
        private int _messages;
        private string? _lastMessage;

        public HubConnection Connection { get; } = connection;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _sequences.Count;
                }
            }
        }

        public int Messages
        {
            get
            {
                lock (_gate)
                {
                    return _messages;
                }
            }
        }

        public List<long> Sequences
        {
            get
            {
                lock (_gate)
                {
                    return [.. _sequences];
                }
            }
        }

        public List<string> RunIds
        {
            get
            {
                lock (_gate)
                {
                    return [.. _runIds];
                }
            }
        }

        public string? LastMessage
        {
            get
            {
                lock (_gate)
                {
                    return _lastMessage;
                }
            }
        }

        /// <summary>One hub message: a single <c>RunEvent</c> or the array of a <c>RunEvents</c>.</summary>
        public void Receive(JsonElement[] events)
        {
            lock (_gate)
            {
                _messages++;
                foreach (var e in events)
                {
                    _sequences.Add(e.GetProperty("sequence").GetInt64());
                    _runIds.Add(e.GetProperty("runId").GetString()!);
                    _lastMessage = e.GetProperty("payload").GetProperty("message").GetString();
                }
            }
        }
    }
}
