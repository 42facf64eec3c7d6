namespace RhvDr.Lab.Simulation;

/// <summary>A VM's cloud-init initialization: its guest interfaces' configuration and DNS servers (space-separated, as the model writes them).</summary>
public sealed record SimInitialization(IReadOnlyList<SimNicConfiguration> NicConfigurations, string? DnsServers);
