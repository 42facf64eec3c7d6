using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RhvDr.Lab.Array;
using RhvDr.Lab.Control;

namespace RhvDr.Lab.Simulation;

/// <summary>
/// The lab: the engines, their estates and the storage array. Each engine's estate is guarded by that engine's own lock and the
/// array by its own; an operation that spans them takes them in one fixed order (engines in <see cref="Engines"/> order, then
/// the array; see <see cref="OrderedLock"/>). Simulated time is spent outside every lock. Tests and the lab's control API read
/// and stage state through <see cref="Read{T}"/> and <see cref="Stage"/>. Every change bumps <see cref="Version"/> so rendered
/// answers can be cached.
/// </summary>
public sealed partial class LabSimulation : IDisposable, IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<string, SimEngine> _engines;
    private readonly StorageArray _array;
    private readonly Task _ovfUpdates;
    private readonly ConcurrentDictionary<long, Task> _owned = new();
    private long _ownedIds;
    private long _version;
    private LabFaults _faults = LabFaults.None;

    public LabSimulation(LabOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        var (engines, pairs) = new EstateGenerator(options, _time.GetUtcNow()).Generate();
        Engines = engines;
        _engines = engines.ToDictionary(e => e.Site, StringComparer.OrdinalIgnoreCase);
        _array = new StorageArray(pairs, FindEngine, _time, PeriodScale);
        for (var i = 0; i < engines.Count; i++)
        {
            engines[i].Lock.Place(i, $"engine '{engines[i].Site}'");
        }

        _array.Lock.Place(engines.Count, "storage array");

        // A real engine's audit log is never empty: it logs its own start. Tools read the newest event before they act
        // (the oVirt Ansible modules take events(max=1)[0]) and fail on an empty list.
        foreach (var engine in engines)
        {
            AddEvent(engine, EventCodes.VdcStart, "Starting oVirt Engine.");
        }

        _ovfUpdates = RunPeriodicOvfUpdatesAsync(_lifetime.Token);
    }

    public LabOptions Options { get; }

    /// <summary>The engines, for wiring their APIs; their state is read and changed through <see cref="Read{T}"/> and <see cref="Stage"/>.</summary>
    public IReadOnlyList<SimEngine> Engines { get; }

    /// <summary>The array's replication pairs, guarded by the array's lock; outside the lab, <see cref="ListPairs"/> describes them.</summary>
    internal IReadOnlyList<ReplicationPair> Pairs => _array.Pairs;

    public long Version => Interlocked.Read(ref _version);

    public DateTimeOffset Now => _time.GetUtcNow();

    public LabFaults Faults
    {
        get => Volatile.Read(ref _faults);
        set
        {
            Volatile.Write(ref _faults, value);
            Touch();
        }
    }

    /// <summary>Real time per simulated second for periodic things (OVF updates, async replication); never 0, or they would spin.</summary>
    internal double PeriodScale => Options.TimeScale > 0 ? Options.TimeScale : 1.0;

    internal SimEngine? FindEngine(string site) => _engines.GetValueOrDefault(site);

    /// <summary>The engine an operation runs against; its state is read and changed through <see cref="Read{T}"/> and <see cref="Stage"/>.</summary>
    public SimEngine GetEngine(string site) =>
        FindEngine(site) ?? throw new EngineFaultException(404, $"Unknown site '{site}'. Sites: {string.Join(", ", _engines.Keys)}.", "Not Found");

    /// <summary>
    /// Reads a site's engine under its lock. <paramref name="read"/> should copy what it returns: the objects it sees keep
    /// changing once the lock is released.
    /// </summary>
    public T Read<T>(string site, Func<SimEngine, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var engine = GetEngine(site);
        using (Lock(engine, LockScope.Engine))
        {
            return read(engine);
        }
    }

    /// <summary>Looks at a site's engine under its lock, as a test asserts on several of its objects at one moment.</summary>
    public void Inspect(string site, Action<SimEngine> inspect)
    {
        ArgumentNullException.ThrowIfNull(inspect);
        var engine = GetEngine(site);
        using (Lock(engine, LockScope.Engine))
        {
            inspect(engine);
        }
    }

    /// <summary>Reads under the locks of <paramref name="scope"/> around <paramref name="engine"/>, as the engine's API renders answers.</summary>
    internal T Read<T>(SimEngine engine, LockScope scope, Func<SimEngine, T> read)
    {
        using (Lock(engine, scope))
        {
            return read(engine);
        }
    }

    /// <summary>Changes a site's engine under its lock, as a test or the lab's tooling stages a situation; answers see it at once.</summary>
    public void Stage(string site, Action<SimEngine> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var engine = GetEngine(site);
        using (Lock(engine, LockScope.Engine))
        {
            change(engine);
            Touch();
        }
    }

    /// <summary>
    /// Stops periodic work, background jobs and pending follow-up changes, and waits for them to end. For <c>using</c> callers:
    /// the work runs on the thread pool and never needs the disposing thread, so the wait cannot deadlock.
    /// </summary>
    public void Dispose()
    {
        _lifetime.Cancel();
#pragma warning disable VSTHRD002 // Synchronous Dispose for using callers; see the summary for why the wait is safe.
        StoppedAsync().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
    }

    /// <summary>Stops periodic work, background jobs and pending follow-up changes, and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        // The token source is only cancelled, never disposed, so operations that race with shutdown see a cancellation rather
        // than an ObjectDisposedException.
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await StoppedAsync().ConfigureAwait(false);
    }

    private Task StoppedAsync() => Task.WhenAll([_ovfUpdates, .. _owned.Values]);

    internal void Touch() => Interlocked.Increment(ref _version);

    /// <summary>Takes the locks of <paramref name="scope"/> around <paramref name="engine"/> in the lab's lock order.</summary>
    internal HeldLocks Lock(SimEngine engine, LockScope scope) => scope switch
    {
        LockScope.Engine => new HeldLocks([engine.Lock]),
        LockScope.EngineAndArray => new HeldLocks([engine.Lock, _array.Lock]),
        _ => LockEverything(),
    };

    /// <summary>Every engine's lock, then the array's: for what reads or changes more than one site.</summary>
    internal HeldLocks LockEverything() => new([.. Engines.Select(e => e.Lock), _array.Lock]);

    /// <summary>Spends a simulated duration: real time is the duration times TimeScale; nothing at all with TimeScale 0.</summary>
    internal Task SimulateAsync(double simulatedSeconds, CancellationToken cancellationToken)
    {
        var real = simulatedSeconds * Options.TimeScale;
        return real <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(real), _time, cancellationToken);
    }

    /// <summary>Logs an audit event of one of the engine's types (<see cref="EventCodes"/>), with the engine's severity for it.</summary>
    internal SimEvent AddEvent(
        SimEngine engine, EngineEventCode type, string description,
        string? hostId = null, string? vmId = null, string? storageDomainId = null, string? correlationId = null)
    {
        var dc = engine.DataCenter;
        var e = new SimEvent(engine.NextEventId++, type.Code, type.Severity, description, Now, hostId, vmId, storageDomainId, dc.Id, engine.Cluster.Id, correlationId);
        engine.Events.Add(e);
        Touch();
        return e;
    }
}
