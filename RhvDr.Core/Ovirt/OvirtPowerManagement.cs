namespace RhvDr.Core.Ovirt;

/// <summary>Whether a host has a fencing device configured.</summary>
public sealed record OvirtPowerManagement
{
    public bool? Enabled { get; init; }
}
