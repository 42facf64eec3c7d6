using RhvDr.Core.Mapping;
using RhvDr.Core.Readiness;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Which run kinds a preflight finding concerns, declared once for the wizard, the API and the tests. A finding not listed
/// concerns every kind. Delete protection only stops the cleaning of a site for failback; a replica already attached at the
/// recovery site (a test's copies, before their cleanup) and the age of the last test only matter before a failover or a test;
/// replication lag, OVF stores and recovery capacity measure primary → recovery, which failovers and tests rely on.
/// </summary>
public static class PreflightRelevance
{
    private static readonly IReadOnlyList<RunKind> FailoverAndTest = [RunKind.Failover, RunKind.Test];

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<RunKind>> MappingCodes = new Dictionary<string, IReadOnlyList<RunKind>>(StringComparer.Ordinal)
    {
        [MappingFindingCodes.VmDeleteProtected] = [RunKind.Failback],
        [MappingFindingCodes.VmSnapshotPreview] = [RunKind.Failover, RunKind.Failback, RunKind.Test],
        [MappingFindingCodes.StorageAttachedAtRecovery] = FailoverAndTest,
    };

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<RunKind>> ReadinessChecks = new Dictionary<string, IReadOnlyList<RunKind>>(StringComparer.Ordinal)
    {
        ["vm-protection"] = [RunKind.Failback],
        ["test-failover"] = FailoverAndTest,
        ["replication"] = FailoverAndTest,
        ["ovf-store"] = FailoverAndTest,
        ["capacity"] = FailoverAndTest,
        ["ha-affinity"] = [RunKind.Evacuate, RunKind.Return],
    };

    /// <summary>The kinds a mapping finding concerns; null when it concerns every kind.</summary>
    public static IReadOnlyList<RunKind>? KindsFor(MappingFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return MappingCodes.GetValueOrDefault(finding.Code);
    }

    /// <summary>The kinds a readiness check concerns; null when it concerns every kind.</summary>
    public static IReadOnlyList<RunKind>? KindsFor(ReadinessFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return ReadinessChecks.GetValueOrDefault(finding.Id);
    }

    public static bool Concerns(MappingFinding finding, RunKind kind) => KindsFor(finding) is not { } kinds || kinds.Contains(kind);

    public static bool Concerns(ReadinessFinding finding, RunKind kind) => KindsFor(finding) is not { } kinds || kinds.Contains(kind);
}
