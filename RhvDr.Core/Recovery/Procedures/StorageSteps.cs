using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>The storage side of a run: what the replication controller is asked to do, the recovery point, and the sanlock wait.</summary>
internal sealed class StorageSteps(ProcedureScope scope) : ProcedurePart(scope)
{
    public async Task<string?> ReplicateAsync(string operation, string source, string target, CancellationToken ct)
    {
        var request = new ReplicationRequest(operation, source, target, Planned, [.. Plan.Domains.Select(d => new ReplicatedDomain(d.Id, d.SourceName))]);
        await Scope.Replication.ExecuteAsync(request, Context, ct).ConfigureAwait(false);
        return $"{operation} {source} → {target} through {Scope.Replication.Name}: {request.VolumeNames}";
    }

    public async Task<string?> SwitchStorageAsync(CancellationToken ct)
    {
        await RecordRecoveryPointAsync(ct).ConfigureAwait(false);
        return await ReplicateAsync(ReplicationOperations.Failover, Source, Target, ct).ConfigureAwait(false);
    }

    public async Task<string?> TestCopiesAsync(CancellationToken ct)
    {
        await RecordRecoveryPointAsync(ct).ConfigureAwait(false);
        return await ReplicateAsync(ReplicationOperations.TestCopy, Source, Target, ct).ConfigureAwait(false);
    }

    /// <summary>The data the target will hold is as of the oldest replica's last sync (now, after a planned run's final sync).</summary>
    private async Task RecordRecoveryPointAsync(CancellationToken ct)
    {
        var volumes = await Scope.Replication.GetVolumesAsync(ct).ConfigureAwait(false);
        var syncs = volumes.Where(v => Plan.Domains.Any(d => d.Id == v.DomainId || d.SourceName == v.DomainName) && v.LastSync is not null).Select(v => v.LastSync!.Value).ToList();
        var recoveryPoint = Planned && Run.Kind != RunKind.Test ? Context.Now : syncs.Count > 0 ? syncs.Min() : (DateTimeOffset?)null;
        await Context.SetRunAsync(r => r with { RecoveryPoint = recoveryPoint }).ConfigureAwait(false);
    }

    /// <summary>
    /// The lost hosts stopped renewing their leases when the site was lost, before the run began; so the leases have
    /// expired <see cref="ProcedureScope.SanlockWait"/> after the run's start at the latest. Counting from there lets preflight,
    /// the record of running VMs and the storage switch happen inside the wait instead of before it (a resumed run keeps its
    /// first start, so it does not wait again).
    /// </summary>
    public async Task<string?> SanlockWaitAsync(CancellationToken ct)
    {
        var sanlockWait = Scope.SanlockWait;
        var expires = (Run.StartedAt ?? Context.Now) + sanlockWait;
        var remaining = expires - Context.Now;
        if (remaining > TimeSpan.Zero)
        {
            await Context.LogAsync(RunLogLevel.Info, $"Waiting {remaining.TotalSeconds:0.#} s more for the sanlock leases held by {Source}'s hosts to expire ({sanlockWait.TotalSeconds:0.#} s from the run's start).", ct).ConfigureAwait(false);
        }

        // Timers run on their own clock: wait until the wall clock, which the run's times are kept in, has passed too.
        for (var left = remaining; left > TimeSpan.Zero; left = expires - Context.Now)
        {
            await Task.Delay(left, Time, ct).ConfigureAwait(false);
        }

        return $"{sanlockWait.TotalSeconds:0.#} s from the run's start; waited {Math.Max(0, remaining.TotalSeconds):0.#} s here";
    }
}
