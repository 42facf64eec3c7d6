namespace RhvDr.Core.Mapping;

/// <summary>A <c>dr_network_mappings</c> item: the role registers VMs with source names mapped to the target profile id.</summary>
public sealed record NetworkMapping(NetworkSide Primary, NetworkSide Secondary)
{
    public ValueList<UnknownKey> UnknownKeys { get; init; } = ValueList<UnknownKey>.Empty;

    public NetworkSide Side(MappingSide side) => side == MappingSide.Primary ? Primary : Secondary;
}
