namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// The start order of recovered VMs and when each may start, as <see cref="VmStarts"/> consumes it: a VM's place (rank and
/// wave), whether it is started at all, and what it waits for before it is queued for a start slot. A VM waiting for its
/// turn holds no slot.
/// </summary>
internal interface IStartPolicy : IDisposable
{
    /// <summary>The VM's place in the order (0 first) and its wave; (<see cref="int.MaxValue"/>, 0) for a VM the order does not know.</summary>
    (int Rank, int Wave) PlaceOf(string vmId);

    /// <summary>Why the VM is registered but not started; null when it is started.</summary>
    string? SkipReason(string vmId);

    /// <summary>Completes when the VM may be queued to start (at once when nothing holds it back).</summary>
    Task WhenMayStartAsync(string vmId, CancellationToken ct);

    /// <summary>Whether an up VM is verified through its guest agent (and probe) before it counts for the VMs after it.</summary>
    bool VerifiesGuests { get; }

    /// <summary>The probe that verifies the VM beyond its guest agent; null when it has none.</summary>
    Plans.VmProbe? ProbeOf(string vmId);
}
