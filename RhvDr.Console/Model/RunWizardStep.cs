namespace RhvDr.Console.Model;

/// <summary>The run wizard's steps, in order (the stepper's indexes).</summary>
public enum RunWizardStep
{
    Operation,
    Preflight,
    Plan,
    Confirm,
}
