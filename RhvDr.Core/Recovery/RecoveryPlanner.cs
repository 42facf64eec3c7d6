using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Plans;
using RhvDr.Core.Replication;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Decides what a run moves: the domains of the active DR mapping, or, without a saved mapping, the replicated volumes
/// the array reports between the two sites. Problems that must stop a run unless overridden come back as findings; a
/// failover, failback or test failover with no active mapping that maps storage is one of them. A run of a recovery plan
/// moves only the domains of the plan's protection groups.
/// </summary>
public sealed class RecoveryPlanner(
    IOptions<RhvDrOptions> options,
    IEnumerable<IMappingStore> mappingStores,
    IReplicationController replication,
    IReplicatedVolumeSource arrayVolumes,
    IInventoryStore inventory,
    IEnumerable<IPlanStore> planStores)
{
    /// <summary>
    /// The plan a run recovers, from the active plans version: null for the whole estate (no name, or "all" when no plan
    /// has that name). Refuses an unknown name, listing the known plans, and says so when the newest version is a draft.
    /// </summary>
    public async Task<RunPlan?> ResolvePlanAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim();
        var store = planStores.FirstOrDefault();
        var active = store is null ? null : await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        if (active?.Document.FindPlan(name) is { } definition)
        {
            return new RunPlan(definition, active.Document, active.Info.Version);
        }

        if (string.Equals(name, ProtectionGroup.All, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var current = store is null ? null : await store.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var draft = current is { Info.IsDraft: true } && current.Document.FindPlan(name) is not null
            ? $" The newest plans version ({current.Info.Version}) has it, but that version has errors and is only a draft: fix them (GET /api/plans shows the findings) and save again; runs use only the active version."
            : "";
        var known = active is null || active.Document.Plans.Count == 0
            ? "there is no active plans version (save rhvdr-plans.yml with PUT /api/plans); leave plan out, or send \"all\", to recover the whole estate."
            : $"the active plans version {active.Info.Version} has {string.Join(", ", active.Document.Plans.Select(p => p.Name))}; leave plan out, or send \"all\", to recover the whole estate.";
        throw new RunRequestException($"Unknown recovery plan '{name}': {known}{draft}");
    }

    /// <summary>
    /// The storage domains each of <paramref name="plans"/> recovers, as a run of it resolves them: the primary-side names of
    /// its protection groups' domains that the active DR mapping maps (all of them when no mapping maps storage). A plan with
    /// the group "all", and one the active plans version no longer has, stand for every domain (see <see cref="PlanDomains"/>).
    /// </summary>
    public async Task<PlanDomains> PlanDomainsAsync(IEnumerable<string?> plans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var names = plans.Where(RunConcurrency.IsPlan).Select(p => p!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var byPlan = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0)
        {
            return new PlanDomains(byPlan);
        }

        var store = planStores.FirstOrDefault();
        var active = store is null ? null : await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        HashSet<string>? mapped = null;
        foreach (var mappingStore in mappingStores)
        {
            if ((await mappingStore.GetActiveAsync(cancellationToken).ConfigureAwait(false))?.Mapping is { ImportStorages.Count: > 0 } mapping)
            {
                mapped = [.. mapping.ImportStorages.Select(s => s.Side(MappingSide.Primary).Name ?? s.Side(MappingSide.Secondary).Name).OfType<string>()];
            }
        }

        foreach (var name in names)
        {
            var domains = active?.Document.FindPlan(name) is { } definition
                ? new RunPlan(definition, active.Document, active.Info.Version).StorageDomains
                : null;
            byPlan[name] = domains is null ? null : mapped is null ? domains : domains.Where(mapped.Contains).ToHashSet(StringComparer.Ordinal);
        }

        return new PlanDomains(byPlan);
    }

    /// <summary>The source and target site of a run kind: failback runs from the recovery site to the primary.</summary>
    public (string Source, string Target) SitesFor(RunKind kind)
    {
        var sites = options.Value.Sites;
        var primary = sites.FirstOrDefault(s => s.Role == SiteRole.Primary)
            ?? throw new RunRequestException("No site has Role Primary in RhvDr:Sites; a run needs one primary and one recovery site.");
        var recovery = sites.FirstOrDefault(s => s.Role == SiteRole.Recovery)
            ?? throw new RunRequestException("No site has Role Recovery in RhvDr:Sites; a run needs one primary and one recovery site.");
        return kind == RunKind.Failback ? (recovery.Name, primary.Name) : (primary.Name, recovery.Name);
    }

    /// <summary>The topology runs are checked against (<see cref="RunKinds.For"/>).</summary>
    public DrTopology Topology => options.Value.Topology;

    /// <summary>
    /// Evacuate: the site to evacuate (the request's, else the primary) → the other site. Return: the other site → the evacuated
    /// site (the request's, else the one the last evacuation between the pair emptied). VMs move from source to target.
    /// </summary>
    public (string Source, string Target) StretchSitesFor(RunRequest request, IReadOnlyList<RecoveryRun> history)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(history);
        var (primary, recovery) = SitesFor(RunKind.Failover);
        var name = request.Kind.ToString().ToLowerInvariant();
        if (request.Mode != RunMode.Planned)
        {
            throw new RunRequestException($"A {name} run is always planned: VMs are live-migrated while both sites are up. When a site is lost, the engine restarts HA VMs by itself (see Incidents).");
        }

        string? site = string.IsNullOrWhiteSpace(request.Site) ? null : request.Site.Trim();
        if (site is not null && !Same(site, primary) && !Same(site, recovery))
        {
            throw new RunRequestException($"Site '{site}' is not one of the configured sites ({primary}, {recovery}).");
        }

        site = site is null ? null : Same(site, primary) ? primary : recovery;
        if (request.Kind == RunKind.Evacuate)
        {
            var evacuated = site ?? primary;
            return (evacuated, Same(evacuated, primary) ? recovery : primary);
        }

        var returning = site ?? history.FirstOrDefault(r => r.Kind == RunKind.Evacuate && r.Status != RunStatus.Cancelled)?.SourceSite
            ?? throw new RunRequestException($"There is no evacuation to return from: name the site to return to, e.g. \"site\": \"{primary}\".");
        return (Same(returning, primary) ? recovery : primary, Same(returning, primary) ? primary : recovery);
    }

    /// <summary>
    /// Refuses a request that names a source or target which is not a configured site, or not the one this run uses
    /// (<paramref name="source"/> → <paramref name="target"/>, as <see cref="SitesFor"/> or <see cref="StretchSitesFor"/> chose).
    /// </summary>
    public void CheckNamedSites(RunRequest request, string source, string target)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Kind.ToString().ToLowerInvariant();
        Check(request.Site, "source", source);
        Check(request.Target, "target", target);

        void Check(string? named, string field, string chosen)
        {
            if (string.IsNullOrWhiteSpace(named))
            {
                return;
            }

            var sites = options.Value.Sites.Select(s => s.Name).ToList();
            var site = sites.Find(s => Same(s, named.Trim()))
                ?? throw new RunRequestException($"{field} '{named}' is not a configured site; name one of {string.Join(", ", sites)}.");
            if (!Same(site, chosen))
            {
                throw new RunRequestException($"A {kind} run goes from {source} to {target}; {field} '{named}' does not match. Leave {field} out, or name {chosen}.");
            }
        }
    }

    public async Task<RecoveryPlan> PlanAsync(RecoveryRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (RunKinds.IsStretch(run.Kind))
        {
            // VMs move by live migration inside one engine: no storage, no mapping.
            var sourceRole = Role(run.SourceSite) == SiteRole.Primary ? MappingSide.Primary : MappingSide.Secondary;
            return new RecoveryPlan(run.SourceSite, run.TargetSite, [], null, sourceRole, [])
            {
                StretchSites = options.Value.Topology == DrTopology.ActiveActive ? new StretchSiteMap(options.Value.Sites) : null,
            };
        }

        var findings = new List<string>();
        var notes = new List<string>();
        RunPlan? runPlan = null;
        if (run.Plan is not null)
        {
            try
            {
                runPlan = await ResolvePlanAsync(run.Plan, cancellationToken).ConfigureAwait(false);
            }
            catch (RunRequestException ex)
            {
                // The plan was known when the run started; a later plans version may have removed or renamed it.
                throw new InvalidOperationException($"{ex.Message} The run recovers plan '{run.Plan}'; save a plans version that has it again, then resume.", ex);
            }
        }

        var sourceSide = Role(run.SourceSite) == SiteRole.Primary ? MappingSide.Primary : MappingSide.Secondary;
        var targetSide = sourceSide == MappingSide.Primary ? MappingSide.Secondary : MappingSide.Primary;

        DrMapping? mapping = null;
        int? mappingVersion = null;
        foreach (var store in mappingStores)
        {
            var active = await store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
            mapping = active?.Mapping;
            mappingVersion = active?.Info.Version;
            if (mapping is null && await store.GetCurrentAsync(cancellationToken).ConfigureAwait(false) is { } draft)
            {
                findings.Add($"The saved DR mapping (version {draft.Info.Version}) has errors and is only a draft; fix it on the Mapping page. Without it, names are matched as they are.");
            }
        }

        // Where mappings are kept (the console always keeps them), a run that recovers VMs needs one that maps storage:
        // without it the run would match names as they are and may "succeed" with nothing protected. Cleanup only removes
        // a test's copies, which needs no mapping. A host of the recovery engine alone, with no mapping store, matches names.
        if (mappingStores.Any() && run.Kind is RunKind.Failover or RunKind.Failback or RunKind.Test && mapping is not { ImportStorages.Count: > 0 })
        {
            findings.Add(mapping is null
                ? "No usable DR mapping: none is active. Save a mapping with dr_import_storages on the Mapping page (or PUT /api/mapping); only an override reason runs without one, matching names as they are."
                : $"No usable DR mapping: the active version {mappingVersion} maps no storage domain (dr_import_storages is empty). Save a complete mapping on the Mapping page; only an override reason runs without one, matching names as they are.");
        }

        if (mapping is not null)
        {
            // The sites' storage as last read: a target data center that already has its master needs no imported one marked.
            MappingInventory? Storage(MappingSide side)
            {
                var site = side == sourceSide ? run.SourceSite : run.TargetSite;
                return inventory.Current.Find(site)?.Inventory.StorageDomains is { Count: > 0 } known
                    ? new MappingInventory
                    {
                        StorageDomains = [.. known.Select(d => new MappingStorageDomain(d.Id, d.Name, d.Type, d.StorageType, d.DataCenterName, d.Status) { IsMaster = d.IsMaster })],
                    }
                    : null;
            }

            findings.AddRange(MappingValidator.ValidateStructure(mapping, inventories: Storage).Where(f => f.IsError).Select(f => $"Mapping: {f.Message} ({f.Key}). {f.Fix}"));
        }

        var domains = new List<RecoveryDomain>();
        if (mapping is { ImportStorages.Count: > 0 })
        {
            foreach (var storage in mapping.ImportStorages)
            {
                var source = storage.Side(sourceSide);
                var target = storage.Side(targetSide);
                var sourceName = source.Name ?? target.Name;
                if (sourceName is null || sourceName == MappingValidator.HostedStorageName)
                {
                    continue;
                }

                var endpoint = target.Address is null && !storage.IsBlock ? null
                    : new VolumeEndpoint(target.Address ?? "", target.Path, target.Targets?.FirstOrDefault(), target.Port ?? 3260);
                domains.Add(new RecoveryDomain(storage.DomainId, sourceName, target.Name ?? sourceName, storage.DomainType ?? "nfs",
                    (target.IsMaster ?? false) || (source.IsMaster ?? false), endpoint));
            }
        }
        else
        {
            var volumes = await replication.GetVolumesAsync(cancellationToken).ConfigureAwait(false);
            if (volumes.Count == 0)
            {
                // An array the console can read is read even when a person or a command drives it.
                volumes = await arrayVolumes.ReadVolumesAsync(cancellationToken).ConfigureAwait(false);
            }

            var sourceDomains = inventory.Current.Find(run.SourceSite)?.Inventory.StorageDomains ?? [];
            foreach (var volume in volumes.Where(v => SamePair(v, run.SourceSite, run.TargetSite)))
            {
                var endpoint = volume.Endpoints.GetValueOrDefault(run.TargetSite);
                var master = sourceDomains.Any(d => d.Name == volume.DomainName && d.IsMaster);
                domains.Add(new RecoveryDomain(volume.DomainId, volume.DomainName, volume.DomainName, volume.StorageType, master, endpoint));
            }
        }

        if (runPlan?.StorageDomains is { } inPlan)
        {
            // Protection groups name the primary side's domains.
            var primaryName = new Dictionary<RecoveryDomain, string>();
            foreach (var domain in domains)
            {
                primaryName[domain] = sourceSide == MappingSide.Primary ? domain.SourceName : domain.TargetName;
            }

            domains = [.. domains.Where(d => inPlan.Contains(primaryName[d]))];
            if (domains.Count == 0)
            {
                findings.Add($"Plan '{runPlan.Definition.Name}': its protection groups ({string.Join(", ", runPlan.Definition.ProtectionGroups)}) have no storage domain the run knows ({string.Join(", ", inPlan.Order(StringComparer.Ordinal))} are not in the active DR mapping's dr_import_storages). Fix the groups in rhvdr-plans.yml or the mapping.");
            }
            else
            {
                // Leaving the primary, the plan may take its data center's master along.
                var primaryMaster = sourceSide != MappingSide.Primary ? null
                    : inventory.Current.Find(run.SourceSite)?.Inventory.StorageDomains.FirstOrDefault(d => d.IsMaster)?.Name
                        ?? mapping?.ImportStorages.FirstOrDefault(s => s.Side(MappingSide.Primary).IsMaster == true)?.Side(MappingSide.Primary).Name;
                if (primaryMaster is not null && domains.Any(d => primaryName[d] == primaryMaster))
                {
                    notes.Add($"Plan '{runPlan.Definition.Name}' holds {primaryMaster}, the master storage domain at {run.SourceSite}: when it leaves, the engine makes another active domain of that data center master at {run.SourceSite}.");
                }

                notes.Add($"Plan '{runPlan.Definition.Name}' (plans version {runPlan.Version}) recovers {domains.Count} domain(s): {string.Join(", ", domains.Select(d => d.SourceName))}; the other domains keep replicating and their VMs keep running where they are.");
            }
        }

        if (domains.Count == 0 && runPlan?.StorageDomains is null)
        {
            findings.Add($"No replicated storage domains are known between {run.SourceSite} and {run.TargetSite}: save a DR mapping with dr_import_storages, or check the replication adapter ({replication.Name}).");
        }

        foreach (var domain in domains.Where(d => d.Target is null || (!d.IsBlock && string.IsNullOrEmpty(d.Target.Path))))
        {
            findings.Add($"Storage domain {domain.SourceName}: the address and path where its replica is presented at {run.TargetSite} are not known; fill them in the DR mapping.");
        }

        // Master first, as the engine needs a master domain before the others can be attached to an empty data center.
        domains = [.. domains.OrderByDescending(d => d.IsMaster).ThenBy(d => d.SourceName, StringComparer.Ordinal)];
        return new RecoveryPlan(run.SourceSite, run.TargetSite, domains, mapping, sourceSide, findings)
        {
            MappingVersion = mappingVersion,
            RunPlan = runPlan,
            Notes = notes,
        };
    }

    private SiteRole Role(string site) =>
        options.Value.Sites.FirstOrDefault(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase))?.Role ?? SiteRole.Primary;

    private static bool SamePair(ReplicatedVolume volume, string a, string b) =>
        (Same(volume.SourceSite, a) && Same(volume.TargetSite, b)) || (Same(volume.SourceSite, b) && Same(volume.TargetSite, a));

    private static bool Same(string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
}
