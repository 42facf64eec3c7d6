namespace RhvDr.Core.Ovirt;

/// <summary>A vNIC profile and its network.</summary>
public sealed record OvirtVnicProfile
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public OvirtRef? Network { get; init; }
}
