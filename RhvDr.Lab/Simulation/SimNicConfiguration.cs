namespace RhvDr.Lab.Simulation;

/// <summary>
/// One guest interface of a cloud-init initialization, as the model's <c>nic_configuration</c> has it: the guest's interface name
/// (<c>eth0</c>), how it gets its address, and the static address, netmask and gateway.
/// </summary>
public sealed record SimNicConfiguration(string Name, string BootProtocol, string? Address, string? Netmask, string? Gateway, bool OnBoot);
