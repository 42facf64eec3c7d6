namespace RhvDr.Core.Ovirt;

/// <summary>A VM's high availability and restart priority.</summary>
public sealed record OvirtHighAvailability
{
    public bool? Enabled { get; init; }

    public int? Priority { get; init; }
}
