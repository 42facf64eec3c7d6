namespace RhvDr.Core.Ovirt;

/// <summary>A MAC address.</summary>
public sealed record OvirtMac
{
    public string? Address { get; init; }
}
