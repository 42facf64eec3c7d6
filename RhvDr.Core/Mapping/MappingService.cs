using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Audit;
using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Security;

namespace RhvDr.Core.Mapping;

/// <summary>
/// The mapping capability the API and the editor share: import text, check against both live sites (engines reachable with
/// the configured user, objects exist, protected VMs covered), generate from the live estate, save versions and roll back.
/// A mapping with errors is saved as a draft; runs use <see cref="IMappingStore.GetActiveAsync"/>. Saving needs the
/// Administrator role; each save is audited with the mapping before and after (secrets masked). A save that would leave no
/// storage domain mapped, or that would become active while dropping objects the active version maps, is refused with
/// <see cref="MappingRemovalRefusedException"/> unless the caller confirms the removal (<see cref="MappingRemovalConfirmation"/>);
/// a confirmed removal is written into the audit entry. Every inventory read goes
/// into <paramref name="memory"/>, which a disaster run checks the lost site's side against.
/// </summary>
public sealed partial class MappingService(
    IMappingStore store,
    IMappingInventorySource inventories,
    IOptions<RhvDrOptions> options,
    IAuditTrail audit,
    ILogger<MappingService> logger,
    IReplicaEndpointSource? replicas = null,
    MappingInventoryMemory? memory = null,
    IOptions<LimitsOptions>? limits = null)
{
    public const string SeedComment = "generated from the embedded estate";

    private readonly IMappingInventorySource _inventories = memory?.Through(inventories) ?? inventories;

    private readonly SemaphoreSlim _seedLock = new(1, 1);
    private volatile bool _seedChecked;

    public MappingSites Sites => MappingSites.From(options.Value);

    /// <summary>Reads the text as <c>disaster_recovery_vars.yml</c>; no engine is involved.</summary>
    public static MappingImportResult Import(string yaml) => DrMappingYaml.Import(yaml);

    /// <summary>What one mapping file may hold (<c>RhvDr:Limits</c>).</summary>
    public LimitsOptions Limits => limits?.Value ?? new LimitsOptions();

    /// <summary>The newest version (draft or not); seeds the lab's mapping first when there is none yet.</summary>
    public async Task<StoredMapping?> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        return await store.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<MappingVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) => store.GetVersionsAsync(cancellationToken);

    public Task<StoredMapping?> GetVersionAsync(int version, CancellationToken cancellationToken = default) => store.GetVersionAsync(version, cancellationToken);

    /// <summary>Reads both sites in parallel; an engine that cannot be read becomes an engine check, not an exception.</summary>
    public async Task<(MappingInventory Primary, MappingInventory Secondary, IReadOnlyList<EngineCheck> Checks)> ReadInventoriesAsync(CancellationToken cancellationToken = default)
    {
        var sites = Sites;
        var primaryTask = ReadAsync(MappingSide.Primary, sites.Primary.Name, sites.Primary.Username, cancellationToken);
        var secondaryTask = ReadAsync(MappingSide.Secondary, sites.Secondary.Name, sites.Secondary.Username, cancellationToken);
        await Task.WhenAll(primaryTask, secondaryTask).ConfigureAwait(false);
        return (primaryTask.Result.Inventory, secondaryTask.Result.Inventory, [primaryTask.Result.Check, secondaryTask.Result.Check]);
    }

    /// <summary>Validates against both live inventories; with an engine down, only the engine check and the structure.</summary>
    public async Task<MappingCheckResult> ValidateAsync(DrMapping mapping, MappingSourceMap? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var (primary, secondary, checks) = await ReadInventoriesAsync(cancellationToken).ConfigureAwait(false);
        var findings = checks.All(c => c.Reachable)
            ? MappingValidator.Validate(mapping, primary, secondary, checks, source)
            : MappingValidator.ValidateWithoutInventories(mapping, checks, source);
        return new MappingCheckResult(findings, primary, secondary, checks);
    }

    /// <summary>
    /// Validates for a disaster run that declares the site of <paramref name="lost"/> lost. The other side is read live, as
    /// always. The lost side is read live too while its engine still answers; when it does not, that side is checked against
    /// the last inventory the console read from it (its age goes with the findings), or, when the console has not read it
    /// since it started, not at all. Neither is an error: the lost site not answering is the premise of the run, so only a
    /// real gap (a mapped recovery object missing, an object a protected VM uses left unmapped, …) makes one.
    /// </summary>
    public async Task<MappingCheckResult> ValidateWithLostSideAsync(DrMapping mapping, MappingSide lost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var (primary, secondary, checks) = await ReadInventoriesAsync(cancellationToken).ConfigureAwait(false);
        var lostCheck = checks.Single(c => c.Side == lost);
        var liveCheck = checks.Single(c => c.Side != lost);
        if (lostCheck.Reachable)
        {
            var live = liveCheck.Reachable
                ? MappingValidator.Validate(mapping, primary, secondary, checks)
                : MappingValidator.ValidateWithoutInventories(mapping, checks);
            return new MappingCheckResult(live, primary, secondary, checks);
        }

        var last = memory?.Find(Sites.Site(lost).Name);
        lostCheck = lostCheck with
        {
            Lost = true,
            LastInventoryReadAt = last?.ReadAt,
            LastInventoryAge = last is null ? TimeSpan.Zero : memory!.Now - last.ReadAt,
        };
        IReadOnlyList<EngineCheck> engineChecks = [.. checks.Select(c => c.Side == lost ? lostCheck : c)];
        if (last is not null)
        {
            primary = lost == MappingSide.Primary ? last.Inventory : primary;
            secondary = lost == MappingSide.Secondary ? last.Inventory : secondary;
        }

        var findings = !liveCheck.Reachable ? MappingValidator.ValidateWithoutInventories(mapping, engineChecks)
            : last is null ? MappingValidator.ValidateOneSide(mapping, liveCheck.Side, liveCheck.Side == MappingSide.Primary ? primary : secondary, engineChecks)
            : MappingValidator.Validate(mapping, primary, secondary, engineChecks);
        return new MappingCheckResult(findings, primary, secondary, engineChecks);
    }

    /// <summary>Proposes a mapping from the live estate (not saved). Both engines must answer.</summary>
    public async Task<MappingGenerationResult> GenerateAsync(CancellationToken cancellationToken = default)
    {
        var (primary, secondary, checks) = await ReadInventoriesAsync(cancellationToken).ConfigureAwait(false);
        var down = checks.Where(c => !c.Reachable).ToList();
        if (down.Count > 0)
        {
            throw new MappingUnavailableException(
                $"Cannot generate the mapping: {string.Join("; ", down.Select(c => $"the {DrMappingKeys.SideName(c.Side)} engine could not be read ({c.Message})"))}. Bring the engine back (see Overview) and try again.");
        }

        var generated = Generate(primary, secondary, Sites);
        if (replicas is null)
        {
            return generated;
        }

        var filled = await WithReplicaEndpointsAsync(generated.Mapping, cancellationToken).ConfigureAwait(false);

        // The generator's guesses for storage the array has answered for are no longer assumptions.
        var answered = Enumerable.Range(0, filled.ImportStorages.Count)
            .Where(i => filled.ImportStorages[i] != generated.Mapping.ImportStorages[i])
            .Select(i => $"{DrMappingKeys.ImportStorages}[{i}].")
            .ToList();
        return new MappingGenerationResult(filled, [.. generated.Findings.Where(f =>
            f.Code != MappingFindingCodes.GenerateAssumed || !answered.Any(prefix => f.Key.StartsWith(prefix, StringComparison.Ordinal)))]);
    }

    /// <summary>Where the array presents each replica at the recovery site replaces the generator's guess (the primary's address).</summary>
    private async Task<DrMapping> WithReplicaEndpointsAsync(DrMapping mapping, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReplicaEndpoint> known;
        try
        {
            known = await replicas!.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EngineException ex)
        {
            LogReplicasUnknown(logger, ex);
            return mapping;
        }

        var site = Sites.Secondary.Name;
        return mapping with
        {
            ImportStorages = new(mapping.ImportStorages.Select(s =>
            {
                var at = known.FirstOrDefault(e => e.DomainName == s.Primary.Name && string.Equals(e.Site, site, StringComparison.OrdinalIgnoreCase));
                if (at is null)
                {
                    return s;
                }

                var iscsi = string.Equals(s.DomainType, StorageDomainTypes.Iscsi, StringComparison.OrdinalIgnoreCase);
                return s with
                {
                    Secondary = s.Secondary with
                    {
                        Address = at.Address ?? s.Secondary.Address,
                        Path = s.IsBlock ? s.Secondary.Path : at.Path ?? s.Secondary.Path,
                        Targets = iscsi && at.Target is not null ? [at.Target] : s.Secondary.Targets,
                        Port = iscsi ? at.Port ?? s.Secondary.Port : s.Secondary.Port,
                    },
                };
            })),
        };
    }

    /// <summary>Generation from two inventories: only LUNs that VMs use at the primary are mapped (free LUNs are only candidates at the recovery site).</summary>
    public static MappingGenerationResult Generate(MappingInventory primary, MappingInventory secondary, MappingSites sites)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(sites);
        var used = primary.Vms.SelectMany(vm => vm.LunIds).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var source = primary with { Luns = [.. primary.Luns.Where(l => used.Contains(l.Id))] };
        return MappingGenerator.Generate(source, secondary, sites.Ref(MappingSide.Primary), sites.Ref(MappingSide.Secondary));
    }

    /// <summary>Validates and saves a new version (a draft when there are errors). <paramref name="importFindings"/> come first.</summary>
    public async Task<MappingSaveResult> SaveAsync(
        DrMapping mapping,
        Actor savedBy,
        string? comment,
        IReadOnlyList<MappingFinding>? importFindings = null,
        MappingSourceMap? source = null,
        MappingRemovalConfirmation? confirmRemoval = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(savedBy);
        if (!savedBy.Can(Role.Administrator))
        {
            await audit.AppendAsync(new AuditEntry(savedBy.Name, savedBy.Source, AuditActions.MappingSave, "mapping", AuditOutcomes.Denied, Detail: "needs the Administrator role"), cancellationToken).ConfigureAwait(false);
            savedBy.Require(Role.Administrator, "change the DR mapping");
        }

        // The seed must be version 1, never saved over an operator's first version.
        await EnsureSeededAsync(cancellationToken).ConfigureAwait(false);
        return await SaveCoreAsync(mapping, savedBy, comment, importFindings, source, confirmRemoval ?? MappingRemovalConfirmation.None, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="confirmRemoval">Null only for the lab's seed, which has nothing to remove and is not an operator's decision.</param>
    private async Task<MappingSaveResult> SaveCoreAsync(
        DrMapping mapping, Actor savedBy, string? comment, IReadOnlyList<MappingFinding>? importFindings, MappingSourceMap? source,
        MappingRemovalConfirmation? confirmRemoval, CancellationToken cancellationToken)
    {
        var check = await ValidateAsync(mapping, source, cancellationToken).ConfigureAwait(false);
        var findings = (importFindings ?? []).Concat(check.Findings).ToList();
        var removal = confirmRemoval is null ? "" : await CheckRemovalAsync(mapping, findings, confirmRemoval, cancellationToken).ConfigureAwait(false);
        var previous = await store.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var stored = await store.SaveAsync(mapping, findings, savedBy.Name, comment, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(
            savedBy.Name,
            savedBy.Source,
            comment?.StartsWith("rollback to", StringComparison.Ordinal) == true ? AuditActions.MappingRollback : AuditActions.MappingSave,
            $"mapping v{stored.Info.Version}",
            AuditOutcomes.Ok,
            previous is null ? null : Masked(previous.Mapping),
            Masked(mapping),
            $"{(stored.Info.IsDraft ? "draft" : "active")}; {stored.Info.Summary}{removal}{(string.IsNullOrWhiteSpace(comment) ? "" : $"; comment: {comment}")}"), cancellationToken).ConfigureAwait(false);
        LogSaved(logger, stored.Info.Version, savedBy.Name, stored.Info.IsDraft, stored.Info.Summary);
        return new MappingSaveResult(stored, findings);
    }

    /// <summary>
    /// The removal rules of a save. Returns what the audit entry adds ("; removal confirmed: …"), or throws
    /// <see cref="MappingRemovalRefusedException"/>. A mapping with no storage domain protects nothing and is refused even as
    /// a draft unless <c>all</c> is confirmed; dropping objects matters only when the new version would become active (a draft
    /// leaves the active version in force), and then every dropped object must be named.
    /// </summary>
    private async Task<string> CheckRemovalAsync(DrMapping mapping, List<MappingFinding> findings, MappingRemovalConfirmation confirm, CancellationToken cancellationToken)
    {
        var active = await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        var removed = MappingChangeSummary.Removed(active?.Mapping, mapping);
        var noStorage = mapping.ImportStorages.Count == 0;
        var becomesActive = !findings.Any(f => f.IsError);
        var listed = removed.Count == 0 ? "" : $": {string.Join(", ", removed.Take(20))}{(removed.Count > 20 ? $" and {removed.Count - 20} more" : "")}";
        if (noStorage && !confirm.All)
        {
            throw new MappingRemovalRefusedException(
                $"The mapping maps no storage domain (no dr_import_storages): a failover would recover nothing{(removed.Count == 0 ? "" : $", and it drops {removed.Count} object(s) the active version {active!.Info.Version} covers{listed}")}. " +
                "Send the complete disaster_recovery_vars.yml; to save it anyway, confirm the removal of everything (confirmRemoval=all).",
                removed, noStorage: true);
        }

        var unconfirmed = removed.Where(r => !confirm.Covers(r)).ToList();
        if (becomesActive && unconfirmed.Count > 0)
        {
            throw new MappingRemovalRefusedException(
                $"The mapping would become active and drop {removed.Count} object(s) the active version {active!.Info.Version} covers{listed}; those would no longer be protected. " +
                $"Add them back, or confirm their removal (confirmRemoval={string.Join(",", unconfirmed.Select(r => r.Name).Distinct(StringComparer.Ordinal))}, or confirmRemoval=all).",
                removed, noStorage: false);
        }

        return removed.Count == 0 && !(noStorage && confirm.All) ? ""
            : $"; removal confirmed ({confirm}){(removed.Count == 0 ? ": no storage domain mapped" : listed)}";
    }

    /// <summary>Imports <c>disaster_recovery_vars.yml</c> text (within <see cref="Limits"/>) and saves it; nothing is saved when the text is not a mapping at all.</summary>
    public async Task<MappingSaveResult> ImportAndSaveAsync(
        string yaml, Actor savedBy, string? comment, MappingRemovalConfirmation? confirmRemoval = null, CancellationToken cancellationToken = default)
    {
        var imported = DrMappingYaml.Import(yaml, Limits);
        if (imported.Mapping is null)
        {
            return new MappingSaveResult(null, imported.Findings);
        }

        return await SaveAsync(imported.Mapping, savedBy, comment, imported.Findings, imported.Source, confirmRemoval, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves an old version's mapping again as the newest version, checked against today's sites; removals as for any save.</summary>
    public async Task<MappingSaveResult> RollbackAsync(int version, Actor savedBy, MappingRemovalConfirmation? confirmRemoval = null, CancellationToken cancellationToken = default)
    {
        var old = await store.GetVersionAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new MappingUnavailableException($"There is no mapping version {version}; see the version list for the versions that exist.");
        return await SaveAsync(old.Mapping, savedBy, $"rollback to v{version}", confirmRemoval: confirmRemoval, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A new user's first failover on a simulated estate needs no editing: with no mapping saved and both sites' engines hosted by
    /// the console itself (<see cref="MappingSites.AreEmbedded"/>), version 1 is generated from that estate. Real sites are never
    /// seeded: a mapping for production is a decision, not a default.
    /// </summary>
    public async Task<bool> EnsureSeededAsync(CancellationToken cancellationToken = default)
    {
        if (_seedChecked)
        {
            return false;
        }

        await _seedLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_seedChecked)
            {
                return false;
            }

            if (!Sites.AreEmbedded || await store.GetCurrentAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                _seedChecked = true;
                return false;
            }

            MappingGenerationResult generated;
            try
            {
                generated = await GenerateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MappingUnavailableException ex)
            {
                // An embedded engine is down: try again on the next read or save.
                LogSeedPostponed(logger, ex.Message);
                return false;
            }

            var saved = await SaveCoreAsync(generated.Mapping, Actor.System, SeedComment, generated.Findings, null, null, cancellationToken).ConfigureAwait(false);
            _seedChecked = true;
            if (saved.Stored!.Info.IsDraft)
            {
                LogSeedDraft(logger, string.Join("; ", saved.Findings.Where(f => f.IsError)));
            }

            return true;
        }
        finally
        {
            _seedLock.Release();
        }
    }

    private async Task<(MappingInventory Inventory, EngineCheck Check)> ReadAsync(MappingSide side, string site, string user, CancellationToken cancellationToken)
    {
        try
        {
            var inventory = await _inventories.ReadAsync(site, cancellationToken).ConfigureAwait(false);
            var who = string.IsNullOrWhiteSpace(user) ? string.Empty : $" to {user}";
            return (inventory, new EngineCheck(side, true,
                $"site '{site}'{who}: {inventory.DataCenters.Count} data centers, {inventory.Clusters.Count} clusters, {inventory.StorageDomains.Count} storage domains, {inventory.Vms.Count} VMs") { Site = site });
        }
        catch (EngineException ex)
        {
            // An engine that does not answer is a state the site pages already show, not a fault of the console:
            // the reason in words is enough; a stack trace every minute of an outage would bury the log.
            LogEngineUnreadable(logger, site, ex.Message);
            // The engine's words name it already ("Engine host:443 is unreachable: ..."); named once is enough.
            var engine = ex.Message.Contains(ex.Engine, StringComparison.OrdinalIgnoreCase) ? string.Empty : $" ({ex.Engine})";
            return (MappingInventory.Empty, new EngineCheck(side, false, $"site '{site}'{engine}: {ex.Message}") { Site = site });
        }
    }

    /// <summary>The mapping as the audit trail keeps it: the YAML an operator would read, with every secret masked.</summary>
    private static string Masked(DrMapping mapping) => DrMappingYaml.Export(MappingSecrets.MapSecrets(mapping, _ => MappingSecrets.Mask));

    [LoggerMessage(Level = LogLevel.Information, Message = "Mapping version {Version} saved by {SavedBy} (draft: {IsDraft}): {Summary}")]
    private static partial void LogSaved(ILogger logger, int version, string savedBy, bool isDraft, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The generated mapping of the embedded engines has errors and was saved as a draft: {Errors}")]
    private static partial void LogSeedDraft(ILogger logger, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The default mapping of the embedded engines was not generated yet: {Reason}")]
    private static partial void LogSeedPostponed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The storage array's replica locations could not be read; the generated mapping keeps the primary's addresses")]
    private static partial void LogReplicasUnknown(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read site {Site} for the mapping: {Reason}")]
    private static partial void LogEngineUnreadable(ILogger logger, string site, string reason);
}
