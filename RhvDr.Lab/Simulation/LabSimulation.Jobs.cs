using Microsoft.Extensions.Logging;

namespace RhvDr.Lab.Simulation;

/// <summary>Engine operations run as jobs, follow-up changes after a simulated delay, and the engine's periodic OVF updates.</summary>
public sealed partial class LabSimulation
{
    /// <summary>Runs <paramref name="operation"/> as a job; with <paramref name="wait"/> false the job continues after the call returns.</summary>
    internal async Task<SimJob> RunOperationAsync<T>(SimEngine engine, EngineOperation<T> operation, bool wait, CancellationToken cancellationToken) =>
        (await RunOperationForTargetAsync(engine, operation, wait, cancellationToken).ConfigureAwait(false)).Job;

    /// <summary>
    /// Runs <paramref name="operation"/> as a job and answers with what it acted on: as validated when its turn came when the
    /// caller waits, as validated on arrival otherwise. Storage operations queue behind their data center's SPM one at a time,
    /// as the engine does.
    /// </summary>
    internal async Task<(SimJob Job, T Target)> RunOperationForTargetAsync<T>(SimEngine engine, EngineOperation<T> operation, bool wait, CancellationToken cancellationToken)
    {
        SimJob job;
        T target;
        using (Lock(engine, operation.Scope))
        {
            target = operation.Validate();
            var now = Now;
            job = new SimJob { Id = Guid.NewGuid().ToString(), Description = operation.Description, CorrelationId = operation.CorrelationId, StartTime = now, LastUpdated = now };
            engine.Jobs[job.Id] = job;
            Touch();
        }

        // The lab owns the job whether or not the caller waits: a caller that stops waiting leaves it running, as the engine does.
        var work = ExecuteAsync(engine, job, operation);
        Own(work);
        if (wait)
        {
            target = await work.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return (job, target);
    }

    private async Task<T> ExecuteAsync<T>(SimEngine engine, SimJob job, EngineOperation<T> operation)
    {
        var token = _lifetime.Token;
        if (operation.SpmQueue is { } queue)
        {
            await queue.SpmQueue.WaitAsync(token).ConfigureAwait(false);
        }

        try
        {
            T target;
            double seconds;
            using (Lock(engine, operation.Scope))
            {
                target = operation.Validate();
                operation.Apply?.Invoke(target);
                seconds = operation.Duration?.Invoke(target) ?? 0;
                Touch();
            }

            await SimulateAsync(seconds, token).ConfigureAwait(false);
            using (Lock(engine, operation.Scope))
            {
                operation.Complete?.Invoke(target);
                job.Status = "finished";
                job.EndTime = job.LastUpdated = Now;
                Touch();
            }

            return target;
        }
        catch (Exception ex) when (ex is EngineFaultException or OperationCanceledException)
        {
            using (Lock(engine, LockScope.Engine))
            {
                job.Status = ex is OperationCanceledException ? "aborted" : "failed";
                job.FailureDetail = ex.Message;
                job.EndTime = job.LastUpdated = Now;
                Touch();
            }

            LogJobEnded(_logger, job.Description, engine.Site, job.Status, ex.Message);
            throw;
        }
        finally
        {
            operation.SpmQueue?.SpmQueue.Release();
        }
    }

    /// <summary>
    /// Schedules a follow-up change to <paramref name="engine"/> after a simulated delay (VM boot stages, automatic fencing).
    /// With no delay it happens at once, under the locks the caller holds; otherwise under the engine's lock when the delay ends.
    /// </summary>
    internal void After(SimEngine engine, double simulatedSeconds, Action change) =>
        After(simulatedSeconds, change, () => Lock(engine, LockScope.Engine));

    /// <summary>A follow-up change that needs the locks <paramref name="locks"/> takes (the array's resync reads every site).</summary>
    private void After(double simulatedSeconds, Action change, Func<HeldLocks> locks)
    {
        if (simulatedSeconds * Options.TimeScale <= 0)
        {
            change();
            Touch();
            return;
        }

        Own(Task.Run(async () =>
        {
            await SimulateAsync(simulatedSeconds, _lifetime.Token).ConfigureAwait(false);
            using (locks())
            {
                change();
                Touch();
            }
        }));
    }

    /// <summary>
    /// Keeps <paramref name="work"/> that outlives the call which started it (a job nobody waits for, a follow-up change) until it
    /// ends, so disposing the lab cancels and awaits it. Its failure is observed here: a job's failure is already on the job and
    /// in the log; a cancellation means the lab is stopping; anything else is logged as an error.
    /// </summary>
    private void Own(Task work)
    {
        var id = Interlocked.Increment(ref _ownedIds);
        var observed = ObserveAsync(id, work);
        _owned[id] = observed;
        if (observed.IsCompleted)
        {
            // It ended before it was added, so its own removal came first.
            _owned.TryRemove(id, out _);
        }
    }

    private async Task ObserveAsync(long id, Task work)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EngineFaultException or OperationCanceledException)
        {
            // Recorded on the job and logged by ExecuteAsync, or the lab is stopping.
        }
        catch (Exception ex)
        {
            LogBackgroundWorkFailed(_logger, ex);
        }
        finally
        {
            _owned.TryRemove(id, out _);
        }
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
                foreach (var engine in Engines)
                {
                    WriteOvfStores(engine);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The lab is stopping.
        }
    }

    private void WriteOvfStores(SimEngine engine)
    {
        using (Lock(engine, LockScope.Engine))
        {
            if (engine.Down)
            {
                return;
            }

            foreach (var domain in engine.StorageDomains.Values.Where(d => d.Status == "active" && d.Type == "data"))
            {
                EstateGenerator.WriteOvf(engine, domain, Now);
            }

            Touch();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Lab background work failed")]
    private static partial void LogBackgroundWorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lab job '{Job}' on {Site} ended {Status}: {Detail}")]
    private static partial void LogJobEnded(ILogger logger, string job, string site, string status, string detail);
}
