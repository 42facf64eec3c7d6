namespace RhvDr.Lab.Simulation;

/// <summary>A vNIC; the profile is recorded by network and profile name too, because registration maps by name.</summary>
public sealed record SimNic(string Id, string Name, string Mac, string? VnicProfileId, string? NetworkName, string? ProfileName);
