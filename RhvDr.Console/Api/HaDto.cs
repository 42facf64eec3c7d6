namespace RhvDr.Console.Api;

/// <summary>High-availability coverage: HA VMs, how many run, and their share of running VMs.</summary>
public sealed record HaDto(int HaVms, int HaVmsUp, double Coverage);
