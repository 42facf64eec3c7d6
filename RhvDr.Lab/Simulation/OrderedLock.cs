namespace RhvDr.Lab.Simulation;

/// <summary>
/// A lock with a place in the lab's lock order: each engine's lock ranks by the engine's place in
/// <see cref="LabSimulation.Engines"/>, and the storage array's lock ranks after every engine. A thread takes locks in rising rank
/// only, so two operations that span sites can never wait on each other; taking a lower rank while a higher one is held throws
/// at once instead of deadlocking some day. Held only between awaits, never across one, so the order is tracked per thread.
/// </summary>
internal sealed class OrderedLock
{
    [ThreadStatic]
    private static int t_held;

    private readonly object _gate = new();
    private int _rank;
    private string _name = "unplaced";

    public int Rank => _rank;

    /// <summary>Gives the lock its place in the order; done once, when the lab is built and before any thread takes it.</summary>
    public void Place(int rank, string name)
    {
        _rank = rank;
        _name = name;
    }

    /// <summary>Enters the lock; returns what <see cref="Exit"/> restores.</summary>
    public int Enter()
    {
        var reentry = Monitor.IsEntered(_gate);
        if (!reentry && t_held > _rank + 1)
        {
            throw new InvalidOperationException($"Lab lock order broken: the {_name} lock (rank {_rank}) was taken while a later lock was held.");
        }

        Monitor.Enter(_gate);
        var previous = t_held;
        t_held = Math.Max(previous, _rank + 1);
        return previous;
    }

    public void Exit(int previous)
    {
        t_held = previous;
        Monitor.Exit(_gate);
    }
}
