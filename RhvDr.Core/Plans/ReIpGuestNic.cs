namespace RhvDr.Core.Plans;

/// <summary>
/// One guest interface of a VM as re-IP sees it: its name in the guest (<c>eth0</c>), the address the VM's own cloud-init
/// initialization gives it (with that netmask and gateway), and the address its guest agent reports now.
/// </summary>
public sealed record ReIpGuestNic(string Nic, string? Configured, string? ConfiguredGateway, string? Reported);
