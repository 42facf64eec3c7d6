using RhvDr.Core.Mapping;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Recovery;

/// <summary>What a run will move and how objects map: resolved at the start of every execution (also on resume).</summary>
/// <param name="Mapping">The active DR mapping; null when none is saved (names are then matched as they are).</param>
/// <param name="SourceSide">Which mapping side the source site is.</param>
public sealed record RecoveryPlan(
    string SourceSite,
    string TargetSite,
    IReadOnlyList<RecoveryDomain> Domains,
    DrMapping? Mapping,
    MappingSide SourceSide,
    IReadOnlyList<string> Findings)
{
    /// <summary>The version number of <see cref="Mapping"/>; null when none is saved.</summary>
    public int? MappingVersion { get; init; }

    public MappingSide TargetSide => SourceSide == MappingSide.Primary ? MappingSide.Secondary : MappingSide.Primary;

    /// <summary>Active/Active runs (evacuate, return): which site each host stands at and each VM prefers; null otherwise.</summary>
    public StretchSiteMap? StretchSites { get; init; }

    /// <summary>The recovery plan the run recovers; null for the whole estate (the implicit plan "all").</summary>
    public RunPlan? RunPlan { get; init; }

    /// <summary>What preflight tells the operator about the run's scope; none of it blocks.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The primary-side names of the domains the run moves, as recovery plans name them.</summary>
    public IReadOnlySet<string> PrimaryDomainNames =>
        Domains.Select(d => SourceSide == MappingSide.Primary ? d.SourceName : d.TargetName).ToHashSet(StringComparer.Ordinal);

    public RecoveryDomain? FindBySourceName(string name) => Domains.FirstOrDefault(d => d.SourceName == name);
}
