namespace RhvDr.Core.Mapping;

/// <summary>One <c>dr_import_storages</c> item: a replicated storage domain and how to import it at each side.</summary>
public sealed record StorageDomainMapping
{
    /// <summary><c>dr_domain_type</c>: nfs, iscsi, fcp, glusterfs or posixfs (see <see cref="StorageDomainTypes"/>).</summary>
    public string? DomainType { get; init; }

    /// <summary><c>dr_storage_domain_type</c>: the domain function (data, export, iso) the generator writes.</summary>
    public string? DomainFunction { get; init; }

    /// <summary><c>dr_domain_id</c>: block domains are imported by id.</summary>
    public string? DomainId { get; init; }

    public bool? WipeAfterDelete { get; init; }

    public bool? Backup { get; init; }

    /// <summary><c>dr_critical_space_action_blocker</c>, in GB.</summary>
    public int? CriticalSpaceActionBlocker { get; init; }

    /// <summary><c>dr_warning_low_space</c>, in percent.</summary>
    public int? WarningLowSpace { get; init; }

    public bool? DiscardAfterDelete { get; init; }

    public StorageDomainSide Primary { get; init; } = StorageDomainSide.Empty;

    public StorageDomainSide Secondary { get; init; } = StorageDomainSide.Empty;

    public ValueList<UnknownKey> UnknownKeys { get; init; } = ValueList<UnknownKey>.Empty;

    public StorageDomainSide Side(MappingSide side) => side == MappingSide.Primary ? Primary : Secondary;

    public bool IsBlock => StorageDomainTypes.IsBlock(DomainType);
}
