namespace RhvDr.Core.Ovirt;

/// <summary>The answer to <c>POST .../ACTION</c>: status (complete, pending, failed), the job, and a fault when it failed.</summary>
public sealed record OvirtActionResult
{
    public string? Status { get; init; }

    public OvirtRef? Job { get; init; }

    public OvirtFault? Fault { get; init; }
}
