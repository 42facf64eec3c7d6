using RhvDr.Lab.Array;

namespace RhvDr.Lab.Control;

/// <summary>The lab's storage array: its replication pairs and the actions a storage admin takes on them. Implemented over HTTP by <c>LabControlClient</c>.</summary>
public interface ILabArray
{
    Task<IReadOnlyList<LabReplicationPair>> GetPairsAsync(CancellationToken cancellationToken = default);

    /// <summary>One action (split, promote, demote, reverse, resync, sync, testcopy, removetestcopy, break) on the pair with this id or domain.</summary>
    Task<LabReplicationPair> ApplyPairActionAsync(string pair, string action, CancellationToken cancellationToken = default);
}
