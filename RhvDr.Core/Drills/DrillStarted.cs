namespace RhvDr.Core.Drills;

/// <summary>What asking for a drill gave: the drill's record (running, or skipped with its reason).</summary>
public sealed record DrillStarted(DrillRecord Drill)
{
    public bool Skipped => Drill.Result == DrillResult.Skipped;
}
