namespace RhvDr.Lab.Simulation;

/// <summary>
/// A vNIC; the profile is recorded by network and profile name too, because registration maps by name. <paramref name="Address"/>
/// is the address the guest configured on it when it was installed (what its guest agent reports until an initialization changes it).
/// </summary>
public sealed record SimNic(string Id, string Name, string Mac, string? VnicProfileId, string? NetworkName, string? ProfileName, string? Address = null);
