namespace RhvDr.Lab.Simulation;

/// <summary>Which state an engine operation touches, so it takes only those locks (always in rank order).</summary>
internal enum LockScope
{
    /// <summary>The engine's own estate.</summary>
    Engine,

    /// <summary>The engine's estate and the storage array (pair states, what a volume holds).</summary>
    EngineAndArray,

    /// <summary>Every engine and the array: imports read the source site's OVF store, registrations its LUNs.</summary>
    Everything,
}
