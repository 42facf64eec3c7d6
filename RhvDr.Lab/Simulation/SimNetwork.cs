namespace RhvDr.Lab.Simulation;

public sealed record SimNetwork(string Id, string Name, string DataCenterId, int? VlanId, bool VmNetwork, string Description);
