namespace RhvDr.Core.Recovery;

/// <summary>What happened to one VM in a run. Ids survive registration, so the same id names the VM on both sides.</summary>
public sealed record VmOutcome
{
    public required string RunId { get; init; }

    public required string VmId { get; init; }

    public required string VmName { get; init; }

    /// <summary>It ran at the source when the run began: it is to be started at the target.</summary>
    public bool WasRunning { get; init; }

    public bool HighlyAvailable { get; init; }

    public int HaPriority { get; init; }

    /// <summary>Start wave (1-based); 0 until planned.</summary>
    public int Wave { get; init; }

    public bool Registered { get; init; }

    public bool Started { get; init; }

    public bool Up { get; init; }

    public bool Failed { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? RegisteredAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? UpAt { get; init; }

    /// <summary>In a plan's run: whether the VM was verified beyond "up" (guest agent, re-IP address, probe).</summary>
    public VmVerification Verification { get; init; }

    /// <summary>When its verification settled (verified, or up unverified at the timeout); null before, and in runs without a plan.</summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>What verified it, or what was missing when it was not.</summary>
    public string? VerificationNote { get; init; }

    /// <summary>In a plan's run: the plan skips the VM (<c>skip: true</c>); it is registered and left down, as the plan asks.</summary>
    public bool Skipped { get; init; }

    /// <summary>
    /// It ran at the source with no guest agent reporting (no <c>fqdn</c>): at the target it will most likely wait the whole
    /// guest agent timeout before it counts as up unverified, so a plan run starts it early in its priority group, where
    /// that wait overlaps the group's other starts instead of holding the group open at its end.
    /// </summary>
    public bool NoAgentAtSource { get; init; }
}
