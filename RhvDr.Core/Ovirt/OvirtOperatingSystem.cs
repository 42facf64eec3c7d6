namespace RhvDr.Core.Ovirt;

/// <summary>A VM's operating system as the engine knows it: its type (<c>rhel_8x64</c>, <c>windows_2019x64</c>).</summary>
public sealed record OvirtOperatingSystem
{
    public string? Type { get; init; }
}
