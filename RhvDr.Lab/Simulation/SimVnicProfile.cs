namespace RhvDr.Lab.Simulation;

public sealed record SimVnicProfile(string Id, string Name, string NetworkId);
