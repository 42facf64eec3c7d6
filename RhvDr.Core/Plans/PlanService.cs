using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Audit;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Security;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Plans;

/// <summary>
/// The plans capability the API shares: read <c>rhvdr-plans.yml</c>, check it against the active DR mapping and the primary
/// site's last inventory, save versions and answer their history. A document with errors is saved as a draft; runs will use
/// <see cref="IPlanStore.GetActiveAsync"/>. Saving needs the Administrator role (as the mapping does) and is audited with
/// the document before and after.
/// </summary>
public sealed partial class PlanService(
    IPlanStore store,
    IMappingStore mappings,
    IInventoryStore inventory,
    IOptions<RhvDrOptions> options,
    IAuditTrail audit,
    ILogger<PlanService> logger,
    IOptions<LimitsOptions>? limits = null)
{
    /// <summary>What one plans file may hold (<c>RhvDr:Limits</c>, the same limits as a mapping file).</summary>
    public LimitsOptions Limits => limits?.Value ?? new LimitsOptions();

    public Task<StoredPlans?> GetCurrentAsync(CancellationToken cancellationToken = default) => store.GetCurrentAsync(cancellationToken);

    public Task<StoredPlans?> GetActiveAsync(CancellationToken cancellationToken = default) => store.GetActiveAsync(cancellationToken);

    public Task<IReadOnlyList<PlanVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) => store.GetVersionsAsync(cancellationToken);

    /// <summary>The versions that added, changed or removed plan <paramref name="name"/>, newest first; empty when no version ever had it.</summary>
    public async Task<IReadOnlyList<PlanHistoryEntry>> GetHistoryAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var versions = await store.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var history = new List<PlanHistoryEntry>();
        PlanDocument? previous = null;
        foreach (var version in versions)
        {
            if (PlanChangeSummary.ChangeOf(name, previous, version.Document) is { } change)
            {
                var info = version.Info;
                history.Add(new PlanHistoryEntry(info.Version, info.SavedAt, info.SavedBy, info.Comment, info.IsDraft, change));
            }

            previous = version.Document;
        }

        history.Reverse();
        return history;
    }

    /// <summary>Checks a document against the active mapping and the primary estate as the console last read it.</summary>
    public async Task<IReadOnlyList<MappingFinding>> ValidateAsync(PlanDocument document, MappingSourceMap? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var mapping = await mappings.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        return PlanValidator.Validate(document, mapping?.Mapping, PrimaryEstate(), source);
    }

    /// <summary>Reads <paramref name="yaml"/> and saves it; nothing is saved when any part of it cannot be read as written.</summary>
    public async Task<PlanSaveResult> ImportAndSaveAsync(string yaml, Actor savedBy, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(savedBy);
        await RequireAdministratorAsync(savedBy, cancellationToken).ConfigureAwait(false);
        var imported = PlanYaml.Import(yaml, Limits);
        if (imported.Document is null)
        {
            return new PlanSaveResult(null, imported.Findings);
        }

        return await SaveAsync(imported.Document, savedBy, comment, imported.Findings, imported.Source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates and saves a new version (a draft when there are errors). <paramref name="importFindings"/> come first.</summary>
    public async Task<PlanSaveResult> SaveAsync(
        PlanDocument document,
        Actor savedBy,
        string? comment,
        IReadOnlyList<MappingFinding>? importFindings = null,
        MappingSourceMap? source = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(savedBy);
        await RequireAdministratorAsync(savedBy, cancellationToken).ConfigureAwait(false);
        var findings = (importFindings ?? []).Concat(await ValidateAsync(document, source, cancellationToken).ConfigureAwait(false)).ToList();
        var previous = await store.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var stored = await store.SaveAsync(document, findings, savedBy.Name, comment, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(
            savedBy.Name,
            savedBy.Source,
            AuditActions.PlansSave,
            $"plans v{stored.Info.Version}",
            AuditOutcomes.Ok,
            previous is null ? null : PlanYaml.Export(previous.Document),
            PlanYaml.Export(document),
            $"{(stored.Info.IsDraft ? "draft" : "active")}; {stored.Info.Summary}{(string.IsNullOrWhiteSpace(comment) ? "" : $"; comment: {comment}")}"), cancellationToken).ConfigureAwait(false);
        LogSaved(logger, stored.Info.Version, savedBy.Name, stored.Info.IsDraft, stored.Info.Summary);
        return new PlanSaveResult(stored, findings);
    }

    private async Task RequireAdministratorAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (actor.Can(Role.Administrator))
        {
            return;
        }

        await audit.AppendAsync(new AuditEntry(actor.Name, actor.Source, AuditActions.PlansSave, "plans", AuditOutcomes.Denied, Detail: "needs the Administrator role"), cancellationToken)
            .ConfigureAwait(false);
        actor.Require(Role.Administrator, "change the recovery plans");
    }

    /// <summary>The primary site's last inventory; null when the console has not read it since it started.</summary>
    public PlanEstate? PrimaryEstate()
    {
        var primary = options.Value.Sites.FirstOrDefault(s => s.Role == SiteRole.Primary);
        var site = primary is null ? null : inventory.Current.Find(primary.Name);
        return site is null || site.Inventory.CollectedAt == DateTimeOffset.MinValue ? null : PlanEstate.From(site.Inventory);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plans version {Version} saved by {SavedBy} (draft: {IsDraft}): {Summary}")]
    private static partial void LogSaved(ILogger logger, int version, string savedBy, bool isDraft, string summary);
}
