namespace RhvDr.Core.Plans;

/// <summary>
/// One VM's address change on one network: its guest interface, the address it has (<see cref="Old"/>) and the one it gets
/// (<see cref="New"/>, with the netmask, gateway and DNS servers that go with it). A row with a <see cref="Finding"/> is not
/// applied: it says why and what to do.
/// </summary>
public sealed record ReIpRow(
    string Vm,
    string Network,
    string? Nic,
    string? Old,
    string? New,
    string? Netmask,
    string? Gateway,
    IReadOnlyList<string> Dns,
    string? Finding)
{
    public bool Applies => Finding is null && Nic is not null && New is not null;

    /// <summary>The guest has no cloud-init (Windows): the run is refused at preflight until it leaves the rule's network.</summary>
    public bool NoCloudInit { get; init; }
}
