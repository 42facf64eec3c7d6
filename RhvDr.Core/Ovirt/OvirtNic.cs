namespace RhvDr.Core.Ovirt;

/// <summary>A VM's network interface and the vNIC profile it uses.</summary>
public sealed record OvirtNic
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public OvirtRef? VnicProfile { get; init; }
}
