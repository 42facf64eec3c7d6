using RhvDr.Core.Mapping;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Readiness;
using RhvDr.Core.Recovery;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

/// <summary>Hand-built run previews for the wizard's view-model and component tests.</summary>
internal static class RunPreviews
{
    public static RunPreview Clean(RunKind kind = RunKind.Failover, RunMode mode = RunMode.Planned) =>
        Build(kind, mode, mappingErrors: false, readinessNoGo: false);

    public static RunPreview Blocked(RunKind kind = RunKind.Failover, RunMode mode = RunMode.Planned) =>
        Build(kind, mode, mappingErrors: true, readinessNoGo: true);

    /// <summary>A disaster failover whose primary does not answer: read 3 min before (or never, since the console started).</summary>
    public static RunPreview LostPrimary(bool readBefore)
    {
        var lost = new EngineCheck(MappingSide.Primary, false, "site 'primary' (engine1): connection refused")
        {
            Site = "primary",
            Lost = true,
            LastInventoryReadAt = readBefore ? SiteSnapshotBuilder.Now.AddMinutes(-3) : null,
            LastInventoryAge = readBefore ? TimeSpan.FromMinutes(3) : TimeSpan.Zero,
        };
        var finding = new MappingFinding(MappingSeverity.Warning, readBefore ? MappingFindingCodes.EngineLastInventory : MappingFindingCodes.EngineLostNotChecked,
            "dr_sites_primary_url", null, null, $"{lost.Summary}: {lost.Message}.", "Nothing to do for a disaster run.");
        return Clean(RunKind.Failover, RunMode.Disaster) with { MappingFindings = [finding], LostSiteCheck = lost };
    }

    /// <summary>A clean preview with findings that concern some kinds only: delete protection (failback), a replica attached at recovery (failover, test), an old test.</summary>
    public static RunPreview WithKindSpecificFindings(RunKind kind, RunMode mode)
    {
        var clean = Clean(kind, mode);
        var report = Report(
            Finding("engines", CheckStatus.Pass),
            Finding("power-management", CheckStatus.Warn, CheckSeverity.Warning),
            Finding("vm-protection", CheckStatus.Warn, CheckSeverity.Warning),
            Finding("test-failover", CheckStatus.Warn, CheckSeverity.Warning));
        return clean with
        {
            MappingFindings =
            [
                .. clean.MappingFindings,
                new MappingFinding(MappingSeverity.Warning, MappingFindingCodes.VmDeleteProtected, "dr_vms[db-01]", null, null, "VM 'db-01' is delete protected.", "Clear it before a failback."),
                new MappingFinding(MappingSeverity.Warning, MappingFindingCodes.StorageAttachedAtRecovery, "dr_import_storages[0].dr_secondary_name", null, null, "'data_master' is attached at the secondary site.", "Clean the recovery site."),
            ],
            Readiness = report,
            Gate = ReadinessGate.Evaluate(report, kind, mode),
        };
    }

    public static ReadinessReport Report(params ReadinessFinding[] findings) =>
        ReadinessReport.NotEvaluated with
        {
            EvaluatedAt = SiteSnapshotBuilder.Now,
            Verdict = ReadinessEvaluator.VerdictOf(findings),
            Score = ReadinessEvaluator.ScoreOf(findings),
            Findings = findings,
        };

    public static ReadinessFinding Finding(string id, CheckStatus status, CheckSeverity severity = CheckSeverity.Critical) =>
        new(id, $"Check {id}", 10, status, status == CheckStatus.Pass ? CheckSeverity.Info : severity, $"{id} is {status}", [], "Fix it.");

    private static RunPreview Build(RunKind kind, RunMode mode, bool mappingErrors, bool readinessNoGo)
    {
        var (source, target) = kind == RunKind.Failback
            ? (SiteSnapshotBuilder.Recovery, SiteSnapshotBuilder.Primary)
            : (SiteSnapshotBuilder.Primary, SiteSnapshotBuilder.Recovery);
        IReadOnlyList<MappingFinding> findings = mappingErrors
            ? [new MappingFinding(MappingSeverity.Error, "cluster-missing", "dr_cluster_mappings[0].secondary_name", null, null, "Cluster cl_dr does not exist at the recovery site.", "Create it or fix the name.")]
            : [new MappingFinding(MappingSeverity.Warning, "role-unmapped", "dr_role_mappings", null, null, "No role mappings.", "Add them if roles differ.")];
        var report = Report(
            Finding("engines", CheckStatus.Pass),
            Finding("replication", readinessNoGo ? CheckStatus.Fail : CheckStatus.Pass),
            Finding("power-management", CheckStatus.Warn, CheckSeverity.Warning));
        var vms = new List<InventoryVm>
        {
            Vm("db-01", ha: true, priority: 50),
            Vm("web-01"),
            Vm("web-02"),
        };
        var domains = new List<RecoveryDomain>
        {
            new("sd1", "data_master", "data_master", "nfs", true, null),
            new("sd2", "data_apps", "data_apps", "nfs", false, null),
        };
        var waves = StartWaves.Plan(vms, v => v.HighlyAvailable, v => v.HaPriority, v => v.Name, 2).Select((w, i) => new RunPreviewWave(i + 1, w)).ToList();
        return new RunPreview(kind, mode, source, target, domains, [], 3, mappingErrors, findings, null, report,
            ReadinessGate.Evaluate(report, kind, mode), vms, waves, 2, new RtoEstimate(420, "model", "No recorded runs; model of 2 domains"));
    }

    private static InventoryVm Vm(string name, bool ha = false, int priority = 0) =>
        new($"vm-{name}", name, VmStatus.Up, "host1", "cluster_prod", ha, priority, ha, false, 4L << 30, 2, null, ["data_apps"]);
}
