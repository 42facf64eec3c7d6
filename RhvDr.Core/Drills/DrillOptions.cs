namespace RhvDr.Core.Drills;

/// <summary>Scheduled drills, bound from <c>RhvDr:Drills</c>.</summary>
public sealed class DrillOptions
{
    public const string SectionName = "RhvDr:Drills";

    /// <summary>Whether the scheduler starts the drills of the plans' <c>drill</c> schedules; drills asked for by an operator run either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Lets a drill start its test failover and cleanup without a second operator when four-eyes
    /// (<c>RhvDr:Security:FourEyes:Test</c> / <c>Cleanup</c>) asks for one. Off: such a drill is skipped and says why.
    /// </summary>
    public bool RunWithoutApproval { get; set; }

    /// <summary>
    /// How long a drill's run may wait on a plan's prompt step with nobody to answer it. Past it the drill cancels the run,
    /// cleans up what the test had built and ends failed, so an unattended prompt never holds the plan's domains.
    /// </summary>
    public TimeSpan PromptTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
