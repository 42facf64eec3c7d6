namespace RhvDr.Core.Mapping;

/// <summary>A vNIC profile with its network and the network's data center.</summary>
public sealed record MappingVnicProfile(string NetworkName, string ProfileName, string? ProfileId, string? DataCenter);
