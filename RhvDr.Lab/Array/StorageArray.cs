using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Array;

/// <summary>
/// The simulated storage array: its replication pairs, their lag, and the storage admin's operations on them. It owns its
/// lock, which ranks after every engine's: the array copies what a source site's domain holds, so <see cref="LabSimulation"/>
/// takes every engine's lock and then this one before it calls any member here.
/// </summary>
internal sealed class StorageArray
{
    private readonly Func<string, SimEngine?> _findEngine;
    private readonly TimeProvider _time;
    private readonly double _periodScale;

    /// <param name="findEngine">The engine of a site, to read what its domains hold now.</param>
    /// <param name="periodScale">How many real seconds one simulated second of lag or interval is.</param>
    public StorageArray(IReadOnlyList<ReplicationPair> pairs, Func<string, SimEngine?> findEngine, TimeProvider time, double periodScale)
    {
        Pairs = pairs;
        _findEngine = findEngine;
        _time = time;
        _periodScale = periodScale;
    }

    public IReadOnlyList<ReplicationPair> Pairs { get; }

    public OrderedLock Lock { get; } = new();

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The pair of <paramref name="pairId"/>: its id, its domain's id or its domain's name.</summary>
    public ReplicationPair Find(string pairId) =>
        Pairs.FirstOrDefault(p => string.Equals(p.Id, pairId, StringComparison.OrdinalIgnoreCase) || p.DomainId == pairId || p.DomainName == pairId)
        ?? throw new EngineFaultException(404, $"Unknown replication pair '{pairId}'. Pairs: {string.Join(", ", Pairs.Select(p => p.Id))}.", "Not Found");

    /// <summary>
    /// sync, split, promote, demote, reverse, resync, testcopy, removetestcopy, break: what a storage admin does on the array.
    /// True when the action began a resync, which <see cref="FinishResync"/> ends once its time has passed.
    /// </summary>
    public bool Apply(ReplicationPair pair, string action)
    {
        switch (action.ToLowerInvariant())
        {
            case "sync":
                // An on-demand update ("snapmirror update"): ships what the source volume holds now, before a planned split.
                Require(pair, action, "replicating");
                SyncNow(pair);
                return false;
            case "split":
                Require(pair, action, "replicating", "resyncing");
                FinalSync(pair);
                pair.State = "split";
                return false;
            case "promote":
                Require(pair, action, "replicating", "split", "broken", "resyncing");
                if (pair.State == "replicating")
                {
                    FinalSync(pair);
                }

                pair.State = "promoted";
                return false;
            case "demote":
                pair.SourceDemoted = true;
                return false;
            case "reverse":
                Require(pair, action, "promoted");
                (pair.SourceSite, pair.TargetSite) = (pair.TargetSite, pair.SourceSite);
                pair.SourceDemoted = false;
                BeginResync(pair);
                return true;
            case "resync":
                Require(pair, action, "split", "broken", "promoted");
                pair.SourceDemoted = false;
                BeginResync(pair);
                return true;
            case "testcopy":
                if (pair.TestCopyActive)
                {
                    throw EngineFaultException.Conflict($"Pair {pair.Id} already has a test copy");
                }

                pair.TestCopyActive = true;
                pair.TestCopyVms = pair.ReplicaVms;
                pair.TestCopyTemplates = pair.ReplicaTemplates;
                return false;
            case "removetestcopy":
                if (pair.State != "promoted" && _findEngine(pair.TargetSite)?.StorageDomains.ContainsKey(pair.DomainId) == true)
                {
                    throw EngineFaultException.Conflict($"The test copy of {pair.DomainName} is still imported at {pair.TargetSite}; remove the storage domain there first");
                }

                pair.TestCopyActive = false;
                pair.TestCopyVms = new(StringComparer.Ordinal);
                pair.TestCopyTemplates = new(StringComparer.Ordinal);
                return false;
            case "break":
                pair.State = "broken";
                return false;
            default:
                throw new EngineFaultException(404, $"Unknown array action '{action}'. Actions: sync, split, promote, demote, reverse, resync, testcopy, removetestcopy, break.", "Not Found");
        }
    }

    /// <summary>A resync that is still running catches up: the pair replicates again, its replica current.</summary>
    public void FinishResync(ReplicationPair pair)
    {
        if (pair.State == "resyncing")
        {
            pair.State = "replicating";
            pair.LastSync = Now.AddDays(-1);
            Refresh();
        }
    }

    /// <summary>Stages a replication lag: the pair stays "replicating" but stops shipping, <paramref name="lagSeconds"/> behind; 0 resumes it.</summary>
    public void SetLag(ReplicationPair pair, double lagSeconds)
    {
        pair.Stalled = lagSeconds > 0;
        pair.LastSync = Now - TimeSpan.FromSeconds(lagSeconds * _periodScale);
        Refresh();
    }

    /// <summary>Brings the replicas up to date as far as replication has run by now.</summary>
    public void Refresh()
    {
        var now = Now;
        foreach (var pair in Pairs)
        {
            if (pair.State != "replicating" || pair.Stalled)
            {
                continue;
            }

            var interval = TimeSpan.FromSeconds(pair.IntervalSeconds * _periodScale);
            if (pair.Mode == "sync" || interval <= TimeSpan.Zero)
            {
                pair.LastSync = now;
            }
            else if (now - pair.LastSync >= interval)
            {
                var ticks = (long)((now - pair.LastSync) / interval);
                pair.LastSync += interval * ticks;
            }
            else
            {
                continue;
            }

            CopySourceToReplica(pair);
        }
    }

    /// <summary>What an import at <paramref name="site"/> finds on the volume: the promoted replica, a test copy, or the source itself.</summary>
    public (Dictionary<string, SimVm> Vms, Dictionary<string, SimTemplate> Templates, DateTimeOffset? OvfAt) ImportableContent(ReplicationPair pair, string site)
    {
        if (site == pair.TargetSite)
        {
            if (pair.State == "promoted")
            {
                return (pair.ReplicaVms, pair.ReplicaTemplates, pair.ReplicaOvfUpdatedAt);
            }

            if (pair.TestCopyActive)
            {
                return (pair.TestCopyVms, pair.TestCopyTemplates, pair.ReplicaOvfUpdatedAt);
            }

            throw EngineFaultException.Conflict(
                $"Cannot import Storage Domain. The storage of {pair.DomainName} is read-only at this site: replication pair {pair.Id} is {pair.State}; promote it or create a test copy first");
        }

        if (pair.SourceDemoted)
        {
            throw EngineFaultException.Conflict($"Cannot import Storage Domain. The storage of {pair.DomainName} is read-only at this site (demoted)");
        }

        return pair.SourceVolumeVms is not null
            ? (pair.SourceVolumeVms, pair.SourceVolumeTemplates ?? new(StringComparer.Ordinal), pair.SourceVolumeOvfAt)
            : (pair.ReplicaVms, pair.ReplicaTemplates, pair.ReplicaOvfUpdatedAt);
    }

    /// <summary>The pair as the array's API describes it, with its lag in simulated seconds.</summary>
    public LabReplicationPair Describe(ReplicationPair pair)
    {
        var lag = pair.Mode == "sync" && pair.State == "replicating" && !pair.Stalled ? 0 : Math.Max(0, (Now - pair.LastSync).TotalSeconds / _periodScale);
        return new LabReplicationPair(pair.Id, pair.DomainId, pair.DomainName, pair.StorageType, pair.SourceSite, pair.TargetSite, pair.Mode, pair.State,
            pair.IntervalSeconds, Math.Round(lag, 1), pair.LastSync, pair.TestCopyActive, new Dictionary<string, ArrayEndpoint>(pair.Endpoints, StringComparer.Ordinal));
    }

    /// <summary>
    /// A planned split: with the source site up, the array ships the last changes before it stops, so nothing is lost.
    /// In a disaster (source site down) the replica keeps what the last scheduled sync gave it.
    /// </summary>
    private void FinalSync(ReplicationPair pair)
    {
        if (pair.State == "replicating" && _findEngine(pair.SourceSite) is { Down: false })
        {
            pair.LastSync = Now;
            CopySourceToReplica(pair);
        }
    }

    private void SyncNow(ReplicationPair pair)
    {
        pair.LastSync = Now;
        var source = _findEngine(pair.SourceSite)?.StorageDomains.GetValueOrDefault(pair.DomainId);
        if (source is not null)
        {
            pair.ReplicaVms = source.OvfVms;
            pair.ReplicaTemplates = source.OvfTemplates;
            pair.ReplicaOvfUpdatedAt = source.OvfUpdatedAt;
        }
    }

    private void CopySourceToReplica(ReplicationPair pair)
    {
        var source = _findEngine(pair.SourceSite)?.StorageDomains.GetValueOrDefault(pair.DomainId);
        if (source is not null)
        {
            pair.ReplicaVms = source.OvfVms;
            pair.ReplicaTemplates = source.OvfTemplates;
            pair.ReplicaOvfUpdatedAt = source.OvfUpdatedAt;
        }
        else if (pair.SourceVolumeVms is not null)
        {
            pair.ReplicaVms = pair.SourceVolumeVms;
            pair.ReplicaTemplates = pair.SourceVolumeTemplates ?? new(StringComparer.Ordinal);
            pair.ReplicaOvfUpdatedAt = pair.SourceVolumeOvfAt;
        }
    }

    private static void BeginResync(ReplicationPair pair)
    {
        pair.Stalled = false;
        pair.State = "resyncing";
    }

    private static void Require(ReplicationPair pair, string action, params string[] states)
    {
        if (!states.Contains(pair.State))
        {
            throw EngineFaultException.Conflict($"Cannot {action} pair {pair.Id}: its state is {pair.State}; {action} needs {string.Join(" or ", states)}");
        }
    }
}
