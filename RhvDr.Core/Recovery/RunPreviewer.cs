using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Readiness;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Answers "what would this run do now?" for the run wizard, with the same planner, start order, readiness gate and RTO
/// model the engine and readiness use. Reads only: the mapping is validated against both live engines (a disaster run's lost
/// source that does not answer: against the last inventory read from it, as the run's preflight does), nothing is saved.
/// </summary>
public sealed class RunPreviewer(
    RecoveryPlanner planner,
    IInventoryStore inventory,
    IRecoveryHistory history,
    IOptions<RhvDrOptions> options,
    IOptions<RecoveryOptions> recovery,
    TimeProvider time,
    IEnumerable<IReadinessStore> readiness,
    IEnumerable<MappingService> mappingServices,
    IEnumerable<ReIpPreviewer> reIpPreviewers) : IRunPreviewer
{
    /// <summary>
    /// The run's preview for a plan: its domains and VMs only, and its re-IP rows, where a VM without cloud-init on a rule's
    /// network blocks as it does in the run's preflight. Reading the rows fails softly (none) when the source does not answer.
    /// </summary>
    public async Task<RunPreview> PreviewAsync(RunKind kind, RunMode mode, string? plan, CancellationToken cancellationToken)
    {
        var preview = await PreviewCoreAsync(kind, mode, string.IsNullOrWhiteSpace(plan) ? null : plan.Trim(), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(plan) || reIpPreviewers.FirstOrDefault() is not { } reIp)
        {
            return preview;
        }

        try
        {
            var rows = await reIp.PreviewAsync(plan, kind, cancellationToken).ConfigureAwait(false);

            // As in the run's preflight, only a VM the run starts (running at the source, not skipped by the plan) blocks.
            var definition = (await planner.ResolvePlanAsync(plan, cancellationToken).ConfigureAwait(false))?.Definition;
            var starting = preview.Vms.Where(v => v.IsRunning && definition?.FindVm(v.Name)?.Skip != true).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            var refused = rows.Where(r => r.NoCloudInit && r.Finding is not null && starting.Contains(r.Vm)).Select(r => $"Re-IP: {r.Finding}").Distinct(StringComparer.Ordinal);
            return preview with { ReIp = rows, PlanFindings = [.. preview.PlanFindings, .. refused] };
        }
        catch (Exception ex) when (ex is Ovirt.EngineException or RunRequestException)
        {
            return preview;
        }
    }

    public Task<RunPreview> PreviewAsync(RunKind kind, RunMode mode, CancellationToken cancellationToken) =>
        PreviewCoreAsync(kind, mode, null, cancellationToken);

    private async Task<RunPreview> PreviewCoreAsync(RunKind kind, RunMode mode, string? planName, CancellationToken cancellationToken)
    {
        var (sourceName, targetName) = planner.SitesFor(kind);
        var source = Site(sourceName);
        var target = Site(targetName);
        var probe = new RecoveryRun
        {
            Id = "preview",
            Kind = kind,
            Mode = mode,
            SourceSite = sourceName,
            TargetSite = targetName,
            RequestedBy = "preview",
            CreatedAt = time.GetUtcNow(),
            Plan = planName,
        };
        var plan = await planner.PlanAsync(probe, cancellationToken).ConfigureAwait(false);
        var lostSide = mode == RunMode.Disaster && kind is RunKind.Failover or RunKind.Failback ? plan.SourceSide : (MappingSide?)null;
        var (version, draft, findings, problem, lost) = await ValidateMappingAsync(lostSide, cancellationToken).ConfigureAwait(false);

        var report = readiness.FirstOrDefault()?.Current ?? ReadinessReport.NotEvaluated;
        var gate = ReadinessGate.Evaluate(report, kind, mode);

        var cleanup = kind == RunKind.Cleanup;
        var site = inventory.Current.Find(cleanup ? targetName : sourceName)?.Inventory;
        var domainNames = plan.Domains.Select(d => cleanup ? d.TargetName : d.SourceName).ToHashSet(StringComparer.Ordinal);
        var vms = site?.Vms.Where(v => v.StorageDomainNames.Any(domainNames.Contains)).OrderBy(v => v.Name, StringComparer.Ordinal).ToList() ?? [];
        var size = recovery.Value.MaxParallelStarts;
        var waves = cleanup ? [] : StartWaves.Plan(vms.Where(v => v.IsRunning), v => v.HighlyAvailable, v => v.HaPriority, v => v.Name, size)
            .Select((wave, i) => new RunPreviewWave(i + 1, wave))
            .ToList();

        var timings = await history.GetStepTimingsAsync(cancellationToken).ConfigureAwait(false);
        var expected = RtoModel.Estimate(plan.Domains.Count, vms.Count, waves.Sum(w => w.Vms.Count), timings);
        return new RunPreview(kind, mode, source, target, plan.Domains, plan.Findings, version, draft, findings, problem, report, gate, vms, waves, size, expected)
        {
            LostSiteCheck = lost,
        };
    }

    /// <summary>Both sides live; for a disaster run (<paramref name="lostSide"/> set) the lost source as the run's preflight checks it.</summary>
    private async Task<(int? Version, bool Draft, IReadOnlyList<MappingFinding> Findings, string? Problem, EngineCheck? Lost)> ValidateMappingAsync(
        MappingSide? lostSide, CancellationToken cancellationToken)
    {
        var service = mappingServices.FirstOrDefault();
        if (service is null)
        {
            return (null, false, [], "The mapping service is not available in this host.", null);
        }

        var current = await service.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return (null, false, [], "No DR mapping is saved: names are matched as they are. Create one on the Mapping page.", null);
        }

        var draft = current.Findings.Any(f => f.IsError);
        try
        {
            var result = lostSide is { } lost
                ? await service.ValidateWithLostSideAsync(current.Mapping, lost, cancellationToken).ConfigureAwait(false)
                : await service.ValidateAsync(current.Mapping, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (current.Info.Version, draft, result.Findings, null, result.LostSide);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (current.Info.Version, draft, current.Findings, $"The engines could not be read to validate the mapping live ({ex.Message}); the findings are those it was saved with.", null);
        }
    }

    private SiteDescriptor Site(string name) =>
        options.Value.Sites.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))?.ToDescriptor()
        ?? new SiteDescriptor(name, name, SiteRole.Primary, "", false);
}
