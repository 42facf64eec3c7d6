namespace RhvDr.Core.Plans;

/// <summary>What a plan step does.</summary>
public enum PlanStepKind
{
    /// <summary>Shows a message and waits for an operator to confirm.</summary>
    Prompt,

    /// <summary>Runs a command on the console's host, within a timeout.</summary>
    Command,

    /// <summary>Calls a URL and expects a success status, within a timeout.</summary>
    Http,
}
