using static RhvDr.Core.Mapping.DrMappingKeys;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Beyond <c>ovirt-dr validate</c>: every cluster, vNIC profile, affinity group and label and direct LUN that a VM on a
/// protected domain uses must be mapped, or that VM registers with missing pieces at the recovery site.
/// </summary>
internal static class MappingCoverageRules
{
    public static void Check(DrMapping mapping, MappingInventory primary, MappingInventory secondary, MappingFindingSink sink)
    {
        var domains = MappingInventoryRules.ProtectedDomains(mapping, MappingSide.Primary);
        var vms = primary.Vms.Where(vm => vm.StorageDomains.Any(domains.ContainsKey)).ToList();
        if (vms.Count == 0)
        {
            return;
        }

        var clusters = mapping.Clusters.Select(c => c.PrimaryName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Report(sink, MappingFindingCodes.CoverageCluster, ClusterMappings, "cluster",
            Uses(vms, vm => vm.Cluster is null ? [] : [vm.Cluster]).Where(u => !clusters.Contains(u.Key)),
            name => secondary.Clusters.Any(c => c.Name == name), MappingSeverity.Error);

        Report(sink, MappingFindingCodes.CoverageVnicProfile, NetworkMappings, "vNIC profile",
            Uses(vms, vm => vm.VnicProfiles.Where(p => !IsMapped(mapping, p)).Select(p => $"{p.NetworkName}/{p.ProfileName}")),
            name => secondary.VnicProfiles.Any(p => $"{p.NetworkName}/{p.ProfileName}" == name), MappingSeverity.Error);

        var groups = mapping.AffinityGroups.Select(c => c.PrimaryName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Report(sink, MappingFindingCodes.CoverageAffinityGroup, AffinityGroupMappings, "affinity group",
            Uses(vms, vm => vm.AffinityGroups).Where(u => !groups.Contains(u.Key)),
            name => secondary.AffinityGroups.Any(g => g.Name == name), MappingSeverity.Warning);

        var labels = mapping.AffinityLabels.Select(c => c.PrimaryName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Report(sink, MappingFindingCodes.CoverageAffinityLabel, AffinityLabelMappings, "affinity label",
            Uses(vms, vm => vm.AffinityLabels).Where(u => !labels.Contains(u.Key)),
            name => secondary.AffinityLabels.Contains(name, StringComparer.Ordinal), MappingSeverity.Warning);

        var luns = mapping.Luns.Select(l => l.Primary.LogicalUnitId).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        Report(sink, MappingFindingCodes.CoverageLun, LunMappings, "direct LUN",
            Uses(vms, vm => vm.LunIds).Where(u => !luns.Contains(u.Key)),
            id => secondary.Luns.Any(l => string.Equals(l.Id, id, StringComparison.OrdinalIgnoreCase)), MappingSeverity.Error);
    }

    private static bool IsMapped(DrMapping mapping, MappingVnicProfile profile) => mapping.Networks.Any(n =>
        (n.Primary.ProfileId is not null && profile.ProfileId is not null && string.Equals(n.Primary.ProfileId, profile.ProfileId, StringComparison.OrdinalIgnoreCase))
        || (n.Primary.NetworkName == profile.NetworkName && n.Primary.ProfileName == profile.ProfileName
            && (n.Primary.DataCenter is null || profile.DataCenter is null || n.Primary.DataCenter == profile.DataCenter)));

    /// <summary>Each used object with the names of the VMs that use it.</summary>
    private static IEnumerable<KeyValuePair<string, List<string>>> Uses(IEnumerable<MappingVm> vms, Func<MappingVm, IEnumerable<string>> used)
    {
        var uses = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var vm in vms)
        {
            foreach (var name in used(vm).Distinct(StringComparer.Ordinal))
            {
                if (!uses.TryGetValue(name, out var list))
                {
                    uses[name] = list = [];
                }

                list.Add(vm.Name);
            }
        }

        return uses;
    }

    private static void Report(
        MappingFindingSink sink,
        string code,
        string listKey,
        string label,
        IEnumerable<KeyValuePair<string, List<string>>> unmapped,
        Func<string, bool> sameNameAtRecovery,
        MappingSeverity severity)
    {
        foreach (var (name, vms) in unmapped)
        {
            var users = MappingInventoryRules.Names(vms);
            if (sameNameAtRecovery(name))
            {
                // Registration falls back to the same name, which works but is implicit.
                sink.Warning(code, listKey,
                    $"The {label} '{name}' used by VM(s) {users} is not mapped; the recovery site has one of the same name, which will be used implicitly.",
                    $"Add an explicit mapping for '{name}' to {listKey}.");
            }
            else
            {
                sink.Add(severity, code, listKey,
                    $"The {label} '{name}' used by VM(s) {users} on protected storage is not mapped, and the recovery site has none of that name.",
                    $"Add a mapping for '{name}' to {listKey}, pointing at the {label} to use at the recovery site.");
            }
        }
    }
}
