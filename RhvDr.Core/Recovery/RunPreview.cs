using RhvDr.Core.Mapping;
using RhvDr.Core.Readiness;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Recovery;

/// <summary>
/// What a run would do if started now, for the run wizard: direction, the mapping's live validation, the readiness gate,
/// the domains (master first), the start waves and the expected duration. Computed by <see cref="RunPreviewer"/>; nothing is changed.
/// </summary>
/// <param name="MappingVersion">The newest saved mapping version (draft or not); null when none is saved.</param>
/// <param name="MappingProblem">Why the mapping could not be validated, in words; null when it was.</param>
/// <param name="Vms">The VMs on the domains the run moves (at the source; at the target for a cleanup).</param>
public sealed record RunPreview(
    RunKind Kind,
    RunMode Mode,
    SiteDescriptor Source,
    SiteDescriptor Target,
    IReadOnlyList<RecoveryDomain> Domains,
    IReadOnlyList<string> PlanFindings,
    int? MappingVersion,
    bool MappingIsDraft,
    IReadOnlyList<MappingFinding> MappingFindings,
    string? MappingProblem,
    ReadinessReport Readiness,
    ReadinessGateResult Gate,
    IReadOnlyList<InventoryVm> Vms,
    IReadOnlyList<RunPreviewWave> Waves,
    int MaxParallelStarts,
    RtoEstimate Expected)
{
    /// <summary>
    /// A disaster run's lost source whose engine does not answer: how its side of the mapping was checked (against the last
    /// inventory read from it, with its age, or not at all). Null when every side was checked live.
    /// </summary>
    public EngineCheck? LostSiteCheck { get; init; }

    /// <summary>A plan run's re-IP: every VM's old → new address per network, and why a row will not be applied.</summary>
    public IReadOnlyList<Plans.ReIpRow> ReIp { get; init; } = [];

    public int Running => Waves.Sum(w => w.Vms.Count);

    public int HighlyAvailable => Waves.Sum(w => w.HighlyAvailable);

    public int MappingErrors => MappingFindings.Count(f => f.IsError);

    public int MappingWarnings => MappingFindings.Count(f => f.Severity == MappingSeverity.Warning);

    /// <summary>The mapping's errors and warnings that concern this run's kind (<see cref="PreflightRelevance"/>).</summary>
    public IReadOnlyList<MappingFinding> RelevantMappingFindings =>
        [.. MappingFindings.Where(f => f.Severity != MappingSeverity.Info && PreflightRelevance.Concerns(f, Kind))];

    /// <summary>The readiness checks that do not pass, do not block, and concern this run's kind.</summary>
    public IReadOnlyList<ReadinessFinding> RelevantReadinessWarnings => [.. Gate.Warnings.Where(f => PreflightRelevance.Concerns(f, Kind))];

    /// <summary>Mapping findings and readiness warnings left out because they concern other kinds only.</summary>
    public int OtherKindsFindings =>
        MappingFindings.Count(f => f.Severity != MappingSeverity.Info && !PreflightRelevance.Concerns(f, Kind))
        + Gate.Warnings.Count(f => !PreflightRelevance.Concerns(f, Kind));

    /// <summary>The running VMs a planned run shuts down at the source (its domains' VMs that run now).</summary>
    public IReadOnlyList<InventoryVm> RunningAtSource => [.. Vms.Where(v => v.IsRunning)];
}
