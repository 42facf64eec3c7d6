namespace RhvDr.Core.Mapping;

/// <summary>A <c>dr_lun_mappings</c> item: a direct LUN disk and its replica.</summary>
public sealed record LunMapping
{
    /// <summary><c>logical_unit_alias</c>: the disk alias the generator writes for the operator's orientation.</summary>
    public string? Alias { get; init; }

    public string? Description { get; init; }

    public bool? WipeAfterDelete { get; init; }

    public bool? Shareable { get; init; }

    public LunSide Primary { get; init; } = LunSide.Empty;

    public LunSide Secondary { get; init; } = LunSide.Empty;

    public ValueList<UnknownKey> UnknownKeys { get; init; } = ValueList<UnknownKey>.Empty;

    public LunSide Side(MappingSide side) => side == MappingSide.Primary ? Primary : Secondary;
}
