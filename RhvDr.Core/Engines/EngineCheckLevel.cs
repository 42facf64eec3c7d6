namespace RhvDr.Core.Engines;

/// <summary>How one fact of the engine check came out, from best to worst.</summary>
public enum EngineCheckLevel
{
    Ok,

    /// <summary>Nothing to check (a lab site).</summary>
    Info,

    /// <summary>The console can work with the engine, with a risk worth fixing.</summary>
    Warn,

    /// <summary>The console cannot run DR on this engine until it is fixed.</summary>
    Fail,
}
