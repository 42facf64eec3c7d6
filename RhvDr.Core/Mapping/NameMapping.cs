namespace RhvDr.Core.Mapping;

/// <summary>
/// A <c>primary_name</c>/<c>secondary_name</c> pair: clusters, affinity groups, affinity labels, AAA domains and roles.
/// </summary>
public sealed record NameMapping(string? PrimaryName, string? SecondaryName)
{
    public ValueList<UnknownKey> UnknownKeys { get; init; } = ValueList<UnknownKey>.Empty;

    public string? Name(MappingSide side) => side == MappingSide.Primary ? PrimaryName : SecondaryName;
}
