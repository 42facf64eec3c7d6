using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RhvDr.Lab.Array;
using RhvDr.Lab.Control;

namespace RhvDr.Lab.Simulation;

/// <summary>
/// The lab's whole state: the engines, their estates and the storage array. One lock (<see cref="Sync"/>) guards it;
/// simulated time is spent outside the lock. Every change bumps <see cref="Version"/> so rendered answers can be cached.
/// </summary>
public sealed partial class LabSimulation : IDisposable, IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<string, SimEngine> _engines;
    private readonly Task _ovfUpdates;
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
        Pairs = pairs;
        _engines = engines.ToDictionary(e => e.Site, StringComparer.OrdinalIgnoreCase);
        // A real engine's audit log is never empty: it logs its own start. Tools read the newest event before they act
        // (the oVirt Ansible modules take events(max=1)[0]) and fail on an empty list.
        foreach (var engine in engines)
        {
            AddEvent(engine, EventCodes.VdcStart, "Starting oVirt Engine.");
        }
        _ovfUpdates = RunPeriodicOvfUpdatesAsync(_lifetime.Token);
    }

    public object Sync { get; } = new();

    public LabOptions Options { get; }

    public IReadOnlyList<SimEngine> Engines { get; }

    public IReadOnlyList<ReplicationPair> Pairs { get; }

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

    public SimEngine? FindEngine(string site) => _engines.GetValueOrDefault(site);

    public SimEngine GetEngine(string site) =>
        FindEngine(site) ?? throw new EngineFaultException(404, $"Unknown site '{site}'. Sites: {string.Join(", ", _engines.Keys)}.", "Not Found");

    /// <summary>Stops periodic work and pending simulated operations, and waits for the periodic OVF updates to end.</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        _ovfUpdates.GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        // The token source is only cancelled, never disposed, so operations that race with shutdown see a cancellation rather
        // than an ObjectDisposedException.
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _ovfUpdates.ConfigureAwait(false);
    }

    internal void Touch() => Interlocked.Increment(ref _version);

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

    /// <summary>
    /// Runs an engine operation as a job. <paramref name="validate"/> runs at once (a fault reaches the caller before any job
    /// exists) and again when the operation's turn comes; storage operations pass their data center so they queue behind
    /// its SPM one at a time, as the engine does. With <paramref name="wait"/> false the job continues after the call returns.
    /// </summary>
    internal async Task<SimJob> RunOperationAsync(
        SimEngine engine, string description, string? correlationId, SimDataCenter? spmQueue, bool wait,
        Action validate, Func<double> begin, Action complete, CancellationToken cancellationToken)
    {
        SimJob job;
        lock (Sync)
        {
            validate();
            var now = Now;
            job = new SimJob { Id = Guid.NewGuid().ToString(), Description = description, CorrelationId = correlationId, StartTime = now, LastUpdated = now };
            engine.Jobs[job.Id] = job;
            Touch();
        }

        var work = ExecuteAsync(engine, job, spmQueue, validate, begin, complete);
        if (wait)
        {
            await work.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return job;
    }

    private async Task ExecuteAsync(SimEngine engine, SimJob job, SimDataCenter? spmQueue, Action validate, Func<double> begin, Action complete)
    {
        var token = _lifetime.Token;
        if (spmQueue is not null)
        {
            await spmQueue.SpmQueue.WaitAsync(token).ConfigureAwait(false);
        }

        try
        {
            double seconds;
            lock (Sync)
            {
                validate();
                seconds = begin();
                Touch();
            }

            await SimulateAsync(seconds, token).ConfigureAwait(false);
            lock (Sync)
            {
                complete();
                job.Status = "finished";
                job.EndTime = job.LastUpdated = Now;
                Touch();
            }
        }
        catch (Exception ex) when (ex is EngineFaultException or OperationCanceledException)
        {
            lock (Sync)
            {
                job.Status = ex is OperationCanceledException ? "aborted" : "failed";
                job.FailureDetail = ex.Message;
                job.EndTime = job.LastUpdated = Now;
                Touch();
            }

            _logger.LogInformation("Lab job '{Job}' on {Site} ended {Status}: {Detail}", job.Description, engine.Site, job.Status, ex.Message);
            throw;
        }
        finally
        {
            spmQueue?.SpmQueue.Release();
        }
    }

    /// <summary>Schedules a follow-up state change after a simulated delay (VM boot stages, automatic fencing).</summary>
    internal void After(double simulatedSeconds, Action change)
    {
        if (simulatedSeconds * Options.TimeScale <= 0)
        {
            change();
            Touch();
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await SimulateAsync(simulatedSeconds, _lifetime.Token).ConfigureAwait(false);
                lock (Sync)
                {
                    change();
                    Touch();
                }
            }
            catch (OperationCanceledException)
            {
                // The lab is stopping.
            }
        });
    }

    // The engine's scheduled OVF updates (OvfUpdateIntervalInMinutes) write the stores and log nothing.
    private async Task RunPeriodicOvfUpdatesAsync(CancellationToken cancellationToken)
    {
        if (Options.TimeScale <= 0)
        {
            // Instant mode is for tests: OVF stores change only when asked to, so what a replica holds stays predictable.
            return;
        }

        var period = TimeSpan.FromMinutes(Options.OvfUpdateIntervalMinutes * PeriodScale);
        try
        {
            using var timer = new PeriodicTimer(period, _time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (Sync)
                {
                    foreach (var engine in Engines.Where(e => !e.Down))
                    {
                        foreach (var domain in engine.StorageDomains.Values.Where(d => d.Status == "active" && d.Type == "data"))
                        {
                            EstateGenerator.WriteOvf(engine, domain, Now);
                        }
                    }

                    Touch();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The lab is stopping.
        }
    }
}
