using RhvDr.Lab.Array;

namespace RhvDr.Lab.Simulation;

/// <summary>
/// The storage array's entry points (<see cref="StorageArray"/> holds its pairs and rules): each takes every engine's lock
/// and then the array's, because the array copies what a source site's domain holds.
/// </summary>
public sealed partial class LabSimulation
{
    private const double ResyncSeconds = 60;

    public IReadOnlyList<LabReplicationPair> ListPairs()
    {
        using (LockEverything())
        {
            _array.Refresh();
            return [.. _array.Pairs.Select(_array.Describe)];
        }
    }

    /// <summary>sync, split, promote, demote, reverse, resync, testcopy, removetestcopy, break: what a storage admin does on the array.</summary>
    public LabReplicationPair ApplyPairAction(string pairId, string action)
    {
        using (LockEverything())
        {
            _array.Refresh();
            var pair = _array.Find(pairId);
            if (_array.Apply(pair, action))
            {
                After(ResyncSeconds, () => _array.FinishResync(pair), LockEverything);
            }

            Touch();
            return _array.Describe(pair);
        }
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
            _array.Refresh();
            var pair = _array.Find(pairId);
            _array.SetLag(pair, lagSeconds);
            Touch();
            return _array.Describe(pair);
        }
    }
}
