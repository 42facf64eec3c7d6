namespace RhvDr.Core.Mapping;

/// <summary>
/// The whole DR mapping: what <c>disaster_recovery_vars.yml</c> holds for the oVirt <c>disaster_recovery</c> role.
/// Value-equal (lists are <see cref="ValueList{T}"/>), so a round trip through YAML can be checked with <c>==</c>.
/// </summary>
public sealed record DrMapping
{
    public static DrMapping Empty { get; } = new();

    public SiteRef Primary { get; init; } = SiteRef.Empty;

    public SiteRef Secondary { get; init; } = SiteRef.Empty;

    public ValueList<StorageDomainMapping> ImportStorages { get; init; } = ValueList<StorageDomainMapping>.Empty;

    public ValueList<NameMapping> Clusters { get; init; } = ValueList<NameMapping>.Empty;

    public ValueList<NameMapping> AffinityGroups { get; init; } = ValueList<NameMapping>.Empty;

    public ValueList<NameMapping> AffinityLabels { get; init; } = ValueList<NameMapping>.Empty;

    /// <summary><c>dr_domain_mappings</c>: AAA (authz) domains of users and groups with permissions on VMs.</summary>
    public ValueList<NameMapping> AaaDomains { get; init; } = ValueList<NameMapping>.Empty;

    public ValueList<NameMapping> Roles { get; init; } = ValueList<NameMapping>.Empty;

    public ValueList<NetworkMapping> Networks { get; init; } = ValueList<NetworkMapping>.Empty;

    public ValueList<LunMapping> Luns { get; init; } = ValueList<LunMapping>.Empty;

    /// <summary>Top-level keys RhvDr does not interpret, in file order.</summary>
    public ValueList<UnknownKey> UnknownKeys { get; init; } = ValueList<UnknownKey>.Empty;

    public SiteRef Site(MappingSide side) => side == MappingSide.Primary ? Primary : Secondary;
}
