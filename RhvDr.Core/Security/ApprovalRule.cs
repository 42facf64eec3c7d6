namespace RhvDr.Core.Security;

/// <summary>When a run kind needs a second operator's approval before it starts.</summary>
public enum ApprovalRule
{
    Never,

    /// <summary>Only in disaster mode (a site declared lost).</summary>
    Disaster,

    Always,
}
