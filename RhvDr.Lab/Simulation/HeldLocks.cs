namespace RhvDr.Lab.Simulation;

/// <summary>Locks taken together in rank order and released in reverse when disposed.</summary>
internal sealed class HeldLocks : IDisposable
{
    private readonly OrderedLock[] _locks;
    private readonly int[] _previous;

    public HeldLocks(IEnumerable<OrderedLock> locks)
    {
        _locks = [.. locks.Distinct().OrderBy(l => l.Rank)];
        _previous = new int[_locks.Length];
        for (var i = 0; i < _locks.Length; i++)
        {
            _previous[i] = _locks[i].Enter();
        }
    }

    public void Dispose()
    {
        for (var i = _locks.Length - 1; i >= 0; i--)
        {
            _locks[i].Exit(_previous[i]);
        }
    }
}
