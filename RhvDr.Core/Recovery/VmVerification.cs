namespace RhvDr.Core.Recovery;

/// <summary>Whether a plan run's VM was verified beyond "up": its guest agent reported its addresses (and its probe answered).</summary>
public enum VmVerification
{
    /// <summary>Not verified (a run without a plan, or not decided yet).</summary>
    None,

    /// <summary>Up, its guest agent reports its addresses (the re-IP address where there is one), and its probe answered.</summary>
    Verified,

    /// <summary>Up, but not verified within the timeout; the note says what was missing. The groups after it went on.</summary>
    UpUnverified,

    /// <summary>It did not come up.</summary>
    Failed,
}
