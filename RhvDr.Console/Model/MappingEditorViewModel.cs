using RhvDr.Core.Mapping;

namespace RhvDr.Console.Model;

/// <summary>
/// The mapping editor's state, without UI: the mapping being edited, the live inventories that offer choices, and the findings,
/// re-checked locally after every edit (against the inventories last read, so no engine call per click).
/// </summary>
public sealed class MappingEditorViewModel
{
    private IReadOnlyList<MappingFinding> _importFindings = [];

    public DrMapping Mapping { get; private set; } = DrMapping.Empty;

    /// <summary>The stored version the editor started from; null before the first save.</summary>
    public MappingVersionInfo? Version { get; private set; }

    public IReadOnlyList<MappingFinding> Findings { get; private set; } = [];

    /// <summary>Where each key was in the imported file, for line numbers; null when the mapping did not come from a file.</summary>
    public MappingSourceMap? Source { get; private set; }

    /// <summary>Edited, imported or generated since the last load or save.</summary>
    public bool IsDirty { get; private set; }

    public MappingInventory? Primary { get; private set; }

    public MappingInventory? Recovery { get; private set; }

    public IReadOnlyList<EngineCheck> EngineChecks { get; private set; } = [];

    /// <summary>Findings of the import that produced the current mapping (unknown keys, dropped secrets); kept for the save.</summary>
    public IReadOnlyList<MappingFinding> ImportFindings => _importFindings;

    public int Errors => Findings.Count(f => f.Severity == MappingSeverity.Error);

    public int Warnings => Findings.Count(f => f.Severity == MappingSeverity.Warning);

    public bool IsDraft => Errors > 0;

    public IEnumerable<IGrouping<MappingSeverity, MappingFinding>> FindingsBySeverity =>
        Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Line ?? int.MaxValue).GroupBy(f => f.Severity);

    public void Load(StoredMapping stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Mapping = stored.Mapping;
        Version = stored.Info;
        _importFindings = [];
        Source = null;
        Findings = stored.Findings;
        IsDirty = false;
    }

    /// <summary>The inventories read from both engines; checks the mapping against them.</summary>
    public void SetInventories(MappingInventory primary, MappingInventory recovery, IReadOnlyList<EngineCheck> checks)
    {
        Primary = primary;
        Recovery = recovery;
        EngineChecks = checks;
        Revalidate();
    }

    /// <summary>
    /// Reads an uploaded <c>disaster_recovery_vars.yml</c> within <paramref name="limits"/> (depth, entries, no aliases);
    /// false (and the findings say why) when it is not a mapping at all or goes beyond a limit.
    /// </summary>
    public bool Import(string yaml, RhvDr.Core.Configuration.LimitsOptions? limits = null)
    {
        var result = DrMappingYaml.Import(yaml, limits ?? new RhvDr.Core.Configuration.LimitsOptions());
        if (result.Mapping is null)
        {
            Findings = result.Findings;
            return false;
        }

        Mapping = result.Mapping;
        _importFindings = result.Findings;
        Source = result.Source;
        IsDirty = true;
        Revalidate();
        return true;
    }

    /// <summary>Replaces the mapping with a generated one; the generator's findings (assumptions, gaps) lead.</summary>
    public void UseGenerated(MappingGenerationResult generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        Mapping = generated.Mapping;
        _importFindings = generated.Findings;
        Source = null;
        IsDirty = true;
        Revalidate();
    }

    /// <summary>After a save: the new version becomes the baseline.</summary>
    public void Saved(StoredMapping stored, IReadOnlyList<MappingFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Version = stored.Info;
        Mapping = stored.Mapping;
        Findings = findings;
        IsDirty = false;
    }

    /// <summary>Findings from a server-side validation (with engine checks) replace the local ones.</summary>
    public void SetFindings(IReadOnlyList<MappingFinding> findings) => Findings = [.. _importFindings, .. findings];

    public IReadOnlyList<MappingEditorRow> Rows(MappingEditorKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var pairs = Pairs(kind);
        return [.. pairs.Select((p, i) => new MappingEditorRow(i, kind.ItemKey(i), p.Primary, p.Secondary, FindingsFor(kind.ItemKey(i))))];
    }

    public int Count(MappingEditorKind kind) => Pairs(kind).Count;

    /// <summary>Findings on an item or any of its keys (<c>dr_cluster_mappings[0]</c> matches <c>dr_cluster_mappings[0].secondary_name</c>).</summary>
    public IReadOnlyList<MappingFinding> FindingsFor(string key) =>
        [.. Findings.Where(f => f.Key == key || (f.Key.StartsWith(key, StringComparison.Ordinal) && f.Key.Length > key.Length && f.Key[key.Length] is '.' or '['))];

    /// <summary>Findings on the list itself (coverage: objects VMs use that no row maps).</summary>
    public IReadOnlyList<MappingFinding> ListFindings(MappingEditorKind kind) => [.. Findings.Where(f => f.Key == kind.Key)];

    public IReadOnlyList<string> PrimaryChoices(MappingEditorKind kind) => Primary is null ? [] : Choices(kind, Primary, MappingSide.Primary);

    public IReadOnlyList<string> SecondaryChoices(MappingEditorKind kind)
    {
        if (Recovery is null)
        {
            return [];
        }

        var choices = Choices(kind, Recovery, MappingSide.Secondary);

        // A replica keeps its domain's name and is not listed at the recovery site before failover.
        return kind == MappingEditorKind.Storage ? [.. choices.Concat(PrimaryChoices(kind)).Distinct(StringComparer.Ordinal)] : choices;
    }

    public void SetPrimary(MappingEditorKind kind, int index, string? value)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Mapping = kind switch
        {
            _ when kind.IsNamePair => WithNames(kind, index, n => n with { PrimaryName = value }),
            _ when kind == MappingEditorKind.Storage => Mapping with { ImportStorages = Replace(Mapping.ImportStorages, index, s => Generated(kind, value)?.ImportStorages.FirstOrDefault() ?? s with { Primary = s.Primary with { Name = value } }) },
            _ when kind == MappingEditorKind.Networks => Mapping with { Networks = Replace(Mapping.Networks, index, n => Generated(kind, value)?.Networks.FirstOrDefault() ?? n) },
            _ => Mapping with { Luns = Replace(Mapping.Luns, index, l => Generated(kind, value)?.Luns.FirstOrDefault() ?? l with { Primary = l.Primary with { LogicalUnitId = value } }) },
        };
        Edited();
    }

    public void SetSecondary(MappingEditorKind kind, int index, string? value)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Mapping = kind switch
        {
            _ when kind.IsNamePair => WithNames(kind, index, n => n with { SecondaryName = value }),
            _ when kind == MappingEditorKind.Storage => Mapping with { ImportStorages = Replace(Mapping.ImportStorages, index, s => s with { Secondary = s.Secondary with { Name = value } }) },
            _ when kind == MappingEditorKind.Networks => Mapping with { Networks = Replace(Mapping.Networks, index, n => n with { Secondary = RecoveryProfile(value) }) },
            _ => Mapping with { Luns = Replace(Mapping.Luns, index, l => l with { Secondary = RecoveryLun(value) }) },
        };
        Edited();
    }

    public void AddRow(MappingEditorKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Mapping = kind switch
        {
            _ when kind.IsNamePair => WithNameList(kind, [.. NameList(kind), new NameMapping(null, null)]),
            _ when kind == MappingEditorKind.Storage => Mapping with { ImportStorages = [.. Mapping.ImportStorages, new StorageDomainMapping()] },
            _ when kind == MappingEditorKind.Networks => Mapping with { Networks = [.. Mapping.Networks, new NetworkMapping(NetworkSide.Empty, NetworkSide.Empty)] },
            _ => Mapping with { Luns = [.. Mapping.Luns, new LunMapping()] },
        };
        Source = null;
        Edited();
    }

    public void RemoveRow(MappingEditorKind kind, int index)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Mapping = kind switch
        {
            _ when kind.IsNamePair => WithNameList(kind, Without(NameList(kind), index)),
            _ when kind == MappingEditorKind.Storage => Mapping with { ImportStorages = Without(Mapping.ImportStorages, index) },
            _ when kind == MappingEditorKind.Networks => Mapping with { Networks = Without(Mapping.Networks, index) },
            _ => Mapping with { Luns = Without(Mapping.Luns, index) },
        };

        // Positions of later rows moved: the file's line numbers no longer match.
        Source = null;
        Edited();
    }

    private void Edited()
    {
        IsDirty = true;
        Revalidate();
    }

    private void Revalidate()
    {
        var checks = Primary is not null && Recovery is not null && EngineChecks.All(c => c.Reachable)
            ? MappingValidator.Validate(Mapping, Primary, Recovery, EngineChecks, Source)
            : MappingValidator.ValidateWithoutInventories(Mapping, EngineChecks, Source);
        Findings = [.. _importFindings, .. checks];
    }

    private List<(string? Primary, string? Secondary)> Pairs(MappingEditorKind kind) => kind switch
    {
        _ when kind.IsNamePair => [.. NameList(kind).Select(n => (n.PrimaryName, n.SecondaryName))],
        _ when kind == MappingEditorKind.Storage => [.. Mapping.ImportStorages.Select(s => (s.Primary.Name, s.Secondary.Name))],
        _ when kind == MappingEditorKind.Networks => [.. Mapping.Networks.Select(n => (ProfileLabel(n.Primary), ProfileLabel(n.Secondary)))],
        _ => [.. Mapping.Luns.Select(l => (l.Primary.LogicalUnitId, l.Secondary.LogicalUnitId))],
    };

    private static string? ProfileLabel(NetworkSide side) =>
        string.IsNullOrEmpty(side.NetworkName) && string.IsNullOrEmpty(side.ProfileName) ? null : $"{side.NetworkName}/{side.ProfileName}";

    private static IReadOnlyList<string> Choices(MappingEditorKind kind, MappingInventory inventory, MappingSide side)
    {
        IEnumerable<string> names = kind switch
        {
            _ when kind == MappingEditorKind.Storage => inventory.StorageDomains
                .Where(d => !d.IsHostedEngineStorage && string.Equals(d.Type, "data", StringComparison.OrdinalIgnoreCase))
                .Where(d => side == MappingSide.Secondary || d.IsAttached)
                .Select(d => d.Name),
            _ when kind == MappingEditorKind.Clusters => inventory.Clusters.Select(c => c.Name),
            _ when kind == MappingEditorKind.AffinityGroups => inventory.AffinityGroups.Select(g => g.Name),
            _ when kind == MappingEditorKind.AffinityLabels => inventory.AffinityLabels,
            _ when kind == MappingEditorKind.AaaDomains => inventory.AaaDomains,
            _ when kind == MappingEditorKind.Roles => inventory.Roles,
            _ when kind == MappingEditorKind.Networks => inventory.VnicProfiles.Select(p => $"{p.NetworkName}/{p.ProfileName}"),
            _ => side == MappingSide.Primary
                ? inventory.Vms.SelectMany(vm => vm.LunIds).Concat(inventory.Luns.Select(l => l.Id))
                : inventory.Luns.Select(l => l.Id),
        };
        return [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>A one-object generation: the generator fills in type, addresses and the matching recovery object.</summary>
    private DrMapping? Generated(MappingEditorKind kind, string? value)
    {
        if (Primary is null || Recovery is null || string.IsNullOrEmpty(value))
        {
            return null;
        }

        var only = kind switch
        {
            _ when kind == MappingEditorKind.Storage => MappingInventory.Empty with { StorageDomains = [.. Primary.StorageDomains.Where(d => d.Name == value)] },
            _ when kind == MappingEditorKind.Networks => MappingInventory.Empty with { VnicProfiles = [.. Primary.VnicProfiles.Where(p => $"{p.NetworkName}/{p.ProfileName}" == value).Take(1)] },
            _ => MappingInventory.Empty with { Luns = [.. Primary.Luns.Where(l => l.Id == value).DefaultIfEmpty(new MappingLun(value, null))] },
        };
        return MappingGenerator.Generate(only, Recovery, Mapping.Primary, Mapping.Secondary).Mapping;
    }

    private NetworkSide RecoveryProfile(string? label)
    {
        var matches = Recovery?.VnicProfiles.Where(p => $"{p.NetworkName}/{p.ProfileName}" == label).ToList() ?? [];
        if (matches.Count == 0)
        {
            var parts = label?.Split('/', 2);
            return new NetworkSide(parts?[0], parts is { Length: 2 } ? parts[1] : null, null, null);
        }

        var profile = matches[0];
        return new NetworkSide(profile.NetworkName, profile.ProfileName, profile.ProfileId, matches.Count > 1 ? profile.DataCenter : null);
    }

    private LunSide RecoveryLun(string? id)
    {
        var lun = Recovery?.Luns.FirstOrDefault(l => string.Equals(l.Id, id, StringComparison.OrdinalIgnoreCase));
        return lun is null
            ? new LunSide { LogicalUnitId = id }
            : new LunSide { LogicalUnitId = lun.Id, StorageType = lun.StorageType, Address = lun.Address, Port = lun.Port, Portal = lun.Portal, Target = lun.Target };
    }

    private ValueList<NameMapping> NameList(MappingEditorKind kind) => kind switch
    {
        _ when kind == MappingEditorKind.Clusters => Mapping.Clusters,
        _ when kind == MappingEditorKind.AffinityGroups => Mapping.AffinityGroups,
        _ when kind == MappingEditorKind.AffinityLabels => Mapping.AffinityLabels,
        _ when kind == MappingEditorKind.AaaDomains => Mapping.AaaDomains,
        _ => Mapping.Roles,
    };

    private DrMapping WithNames(MappingEditorKind kind, int index, Func<NameMapping, NameMapping> change) => WithNameList(kind, Replace(NameList(kind), index, change));

    private DrMapping WithNameList(MappingEditorKind kind, ValueList<NameMapping> list) => kind switch
    {
        _ when kind == MappingEditorKind.Clusters => Mapping with { Clusters = list },
        _ when kind == MappingEditorKind.AffinityGroups => Mapping with { AffinityGroups = list },
        _ when kind == MappingEditorKind.AffinityLabels => Mapping with { AffinityLabels = list },
        _ when kind == MappingEditorKind.AaaDomains => Mapping with { AaaDomains = list },
        _ => Mapping with { Roles = list },
    };

    private static ValueList<T> Replace<T>(ValueList<T> list, int index, Func<T, T> change)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, list.Count);
        return new ValueList<T>(list.Select((item, i) => i == index ? change(item) : item));
    }

    private static ValueList<T> Without<T>(ValueList<T> list, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, list.Count);
        return new ValueList<T>(list.Where((_, i) => i != index));
    }
}
