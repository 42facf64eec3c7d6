using RhvDr.Lab.Array;

namespace RhvDr.Lab.Simulation;

/// <summary>
/// The storage array: replication pairs, their lag, and the storage admin's operations on them. The array's lock guards the
/// pairs; the array copies what a source site's domain holds, so its operations take every engine's lock first, in order.
/// </summary>
public sealed partial class LabSimulation
{
    private const double ResyncSeconds = 60;

    public IReadOnlyList<LabReplicationPair> ListPairs()
    {
        using (LockEverything())
        {
            RefreshPairs();
            return [.. Pairs.Select(Describe)];
        }
    }

    /// <summary>sync, split, promote, demote, reverse, resync, testcopy, removetestcopy, break: what a storage admin does on the array.</summary>
    public LabReplicationPair ApplyPairAction(string pairId, string action)
    {
        using (LockEverything())
        {
            RefreshPairs();
            var pair = Pairs.FirstOrDefault(p => string.Equals(p.Id, pairId, StringComparison.OrdinalIgnoreCase) || p.DomainId == pairId || p.DomainName == pairId)
                ?? throw new EngineFaultException(404, $"Unknown replication pair '{pairId}'. Pairs: {string.Join(", ", Pairs.Select(p => p.Id))}.", "Not Found");
            switch (action.ToLowerInvariant())
            {
                case "sync":
                    // An on-demand update ("snapmirror update"): ships what the source volume holds now, before a planned split.
                    Require(pair, action, "replicating");
                    SyncNow(pair);
                    break;
                case "split":
                    Require(pair, action, "replicating", "resyncing");
                    FinalSync(pair);
                    pair.State = "split";
                    break;
                case "promote":
                    Require(pair, action, "replicating", "split", "broken", "resyncing");
                    if (pair.State == "replicating")
                    {
                        FinalSync(pair);
                    }

                    pair.State = "promoted";
                    break;
                case "demote":
                    pair.SourceDemoted = true;
                    break;
                case "reverse":
                    Require(pair, action, "promoted");
                    (pair.SourceSite, pair.TargetSite) = (pair.TargetSite, pair.SourceSite);
                    pair.SourceDemoted = false;
                    StartResync(pair);
                    break;
                case "resync":
                    Require(pair, action, "split", "broken", "promoted");
                    pair.SourceDemoted = false;
                    StartResync(pair);
                    break;
                case "testcopy":
                    if (pair.TestCopyActive)
                    {
                        throw EngineFaultException.Conflict($"Pair {pair.Id} already has a test copy");
                    }

                    pair.TestCopyActive = true;
                    pair.TestCopyVms = pair.ReplicaVms;
                    pair.TestCopyTemplates = pair.ReplicaTemplates;
                    break;
                case "removetestcopy":
                    if (pair.State != "promoted" && FindEngine(pair.TargetSite)?.StorageDomains.ContainsKey(pair.DomainId) == true)
                    {
                        throw EngineFaultException.Conflict($"The test copy of {pair.DomainName} is still imported at {pair.TargetSite}; remove the storage domain there first");
                    }

                    pair.TestCopyActive = false;
                    pair.TestCopyVms = new(StringComparer.Ordinal);
                    pair.TestCopyTemplates = new(StringComparer.Ordinal);
                    break;
                case "break":
                    pair.State = "broken";
                    break;
                default:
                    throw new EngineFaultException(404, $"Unknown array action '{action}'. Actions: sync, split, promote, demote, reverse, resync, testcopy, removetestcopy, break.", "Not Found");
            }

            Touch();
            return Describe(pair);
        }
    }

    /// <summary>Brings the replicas up to date as far as replication has run by now (called under every engine's lock and the array's).</summary>
    internal void RefreshPairs()
    {
        var now = Now;
        foreach (var pair in Pairs)
        {
            if (pair.State != "replicating" || pair.Stalled)
            {
                continue;
            }

            var interval = TimeSpan.FromSeconds(pair.IntervalSeconds * PeriodScale);
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

    /// <summary>
    /// A planned split: with the source site up, the array ships the last changes before it stops, so nothing is lost.
    /// In a disaster (source site down) the replica keeps what the last scheduled sync gave it.
    /// </summary>
    private void FinalSync(ReplicationPair pair)
    {
        if (pair.State == "replicating" && FindEngine(pair.SourceSite) is { Down: false })
        {
            pair.LastSync = Now;
            CopySourceToReplica(pair);
        }
    }

    private void CopySourceToReplica(ReplicationPair pair)
    {
        var source = FindEngine(pair.SourceSite)?.StorageDomains.GetValueOrDefault(pair.DomainId);
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

    /// <summary>What an import at <paramref name="site"/> finds on the volume: the promoted replica, a test copy, or the source itself.</summary>
    private (Dictionary<string, SimVm> Vms, Dictionary<string, SimTemplate> Templates, DateTimeOffset? OvfAt) ImportableContent(ReplicationPair pair, string site)
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

    /// <summary>Stages a replication lag: the pair stays "replicating" but stops shipping, <paramref name="lagSeconds"/> behind; 0 resumes it.</summary>
    public LabReplicationPair SetPairLag(string pairId, double lagSeconds)
    {
        if (lagSeconds < 0 || double.IsNaN(lagSeconds))
        {
            throw new EngineFaultException(400, "lagSeconds must be 0 or more.", "Bad Request");
        }

        using (LockEverything())
        {
            RefreshPairs();
            var pair = Pairs.FirstOrDefault(p => string.Equals(p.Id, pairId, StringComparison.OrdinalIgnoreCase) || p.DomainId == pairId || p.DomainName == pairId)
                ?? throw new EngineFaultException(404, $"Unknown replication pair '{pairId}'. Pairs: {string.Join(", ", Pairs.Select(p => p.Id))}.", "Not Found");
            pair.Stalled = lagSeconds > 0;
            pair.LastSync = Now - TimeSpan.FromSeconds(lagSeconds * PeriodScale);
            RefreshPairs();
            Touch();
            return Describe(pair);
        }
    }

    private void SyncNow(ReplicationPair pair)
    {
        pair.LastSync = Now;
        var source = FindEngine(pair.SourceSite)?.StorageDomains.GetValueOrDefault(pair.DomainId);
        if (source is not null)
        {
            pair.ReplicaVms = source.OvfVms;
            pair.ReplicaTemplates = source.OvfTemplates;
            pair.ReplicaOvfUpdatedAt = source.OvfUpdatedAt;
        }
    }

    private void StartResync(ReplicationPair pair)
    {
        pair.Stalled = false;
        pair.State = "resyncing";
        After(ResyncSeconds, () =>
        {
            if (pair.State == "resyncing")
            {
                pair.State = "replicating";
                pair.LastSync = Now.AddDays(-1);
                RefreshPairs();
            }
        }, LockEverything);
    }

    private static void Require(ReplicationPair pair, string action, params string[] states)
    {
        if (!states.Contains(pair.State))
        {
            throw EngineFaultException.Conflict($"Cannot {action} pair {pair.Id}: its state is {pair.State}; {action} needs {string.Join(" or ", states)}");
        }
    }

    private LabReplicationPair Describe(ReplicationPair pair)
    {
        var lag = pair.Mode == "sync" && pair.State == "replicating" && !pair.Stalled ? 0 : Math.Max(0, (Now - pair.LastSync).TotalSeconds / PeriodScale);
        return new LabReplicationPair(pair.Id, pair.DomainId, pair.DomainName, pair.StorageType, pair.SourceSite, pair.TargetSite, pair.Mode, pair.State,
            pair.IntervalSeconds, Math.Round(lag, 1), pair.LastSync, pair.TestCopyActive, new Dictionary<string, ArrayEndpoint>(pair.Endpoints, StringComparer.Ordinal));
    }
}
