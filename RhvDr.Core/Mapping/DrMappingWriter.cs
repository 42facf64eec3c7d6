using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using static RhvDr.Core.Mapping.DrMappingKeys;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Writes a <see cref="DrMapping"/> in the role's own shape: strings double-quoted (so "yes" or "3260" stay strings),
/// numbers plain, booleans as <c>True</c>/<c>False</c> like the role's generator, targets as a flow list.
/// Absent values are left out so a round trip keeps the difference between "absent" and "empty".
/// </summary>
internal static class DrMappingWriter
{
    private static readonly MappingSide[] Sides = [MappingSide.Primary, MappingSide.Secondary];

    private static readonly Dictionary<string, string> SectionComments = new(StringComparer.Ordinal)
    {
        [ImportStorages] = "# Storage domains to import at the recovery site (the master domain first)",
        [ClusterMappings] = "# Mapping for cluster",
        [AffinityGroupMappings] = "# Mapping for affinity group",
        [AffinityLabelMappings] = "# Mapping for affinity label",
        [DomainMappings] = "# Mapping for domain",
        [RoleMappings] = "# Mapping for roles",
        [NetworkMappings] = "# Mapping for vnic profile",
        [LunMappings] = "# Mapping for direct LUN disks",
    };

    public static string Write(DrMapping mapping)
    {
        var root = new YamlMappingNode();
        foreach (var side in Sides)
        {
            var site = mapping.Site(side);
            AddString(root, SiteUrl(side), site.Url);
            AddString(root, SiteUsername(side), site.Username);
            AddString(root, SiteCaFile(side), site.CaFile);
        }

        AddList(root, ImportStorages, mapping.ImportStorages, WriteStorage);
        AddList(root, ClusterMappings, mapping.Clusters, WriteName);
        AddList(root, AffinityGroupMappings, mapping.AffinityGroups, WriteName);
        AddList(root, AffinityLabelMappings, mapping.AffinityLabels, WriteName);
        AddList(root, DomainMappings, mapping.AaaDomains, WriteName);
        AddList(root, RoleMappings, mapping.Roles, WriteName);
        AddList(root, NetworkMappings, mapping.Networks, WriteNetwork);
        AddList(root, LunMappings, mapping.Luns, WriteLun);
        AddUnknown(root, mapping.UnknownKeys);

        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.WriteLine("---");
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return Layout(writer.ToString());
    }

    private static YamlMappingNode WriteStorage(StorageDomainMapping storage)
    {
        var node = new YamlMappingNode();
        AddString(node, DomainType, storage.DomainType);
        AddString(node, StorageDomainType, storage.DomainFunction);
        AddBool(node, WipeAfterDelete, storage.WipeAfterDelete);
        AddBool(node, Backup, storage.Backup);
        AddInt(node, CriticalSpaceActionBlocker, storage.CriticalSpaceActionBlocker);
        AddInt(node, WarningLowSpace, storage.WarningLowSpace);
        AddBool(node, DiscardAfterDelete, storage.DiscardAfterDelete);
        AddString(node, DomainId, storage.DomainId);
        foreach (var side in Sides)
        {
            var s = storage.Side(side);
            AddString(node, Storage(side, "name"), s.Name);
            AddBool(node, Storage(side, "master_domain"), s.IsMaster);
            AddString(node, Storage(side, "dc_name"), s.DcName);
            AddString(node, Storage(side, "address"), s.Address);
            AddString(node, Storage(side, "path"), s.Path);
            AddInt(node, Storage(side, "port"), s.Port);
            if (s.Targets is not null)
            {
                var targets = new YamlSequenceNode(s.Targets.Select(Quoted)) { Style = SequenceStyle.Flow };
                node.Add(Storage(side, "target"), targets);
            }

            AddString(node, Storage(side, "mount_options"), s.MountOptions);
            AddString(node, Storage(side, "version"), s.NfsVersion);
            AddString(node, Storage(side, "vfs_type"), s.VfsType);
            AddString(node, Storage(side, "username"), s.Username);
            AddString(node, Storage(side, "password"), s.Password?.Reveal());
        }

        AddUnknown(node, storage.UnknownKeys);
        return node;
    }

    private static YamlMappingNode WriteName(NameMapping name)
    {
        var node = new YamlMappingNode();
        AddString(node, Entry(MappingSide.Primary, "name"), name.PrimaryName);
        AddString(node, Entry(MappingSide.Secondary, "name"), name.SecondaryName);
        AddUnknown(node, name.UnknownKeys);
        return node;
    }

    private static YamlMappingNode WriteNetwork(NetworkMapping network)
    {
        var node = new YamlMappingNode();
        foreach (var side in Sides)
        {
            var s = network.Side(side);
            AddString(node, Entry(side, "network_name"), s.NetworkName);
            AddString(node, Entry(side, "network_dc"), s.DataCenter);
            AddString(node, Entry(side, "profile_name"), s.ProfileName);
            AddString(node, Entry(side, "profile_id"), s.ProfileId);
        }

        AddUnknown(node, network.UnknownKeys);
        return node;
    }

    private static YamlMappingNode WriteLun(LunMapping lun)
    {
        var node = new YamlMappingNode();
        AddString(node, LunAlias, lun.Alias);
        AddString(node, LunDescription, lun.Description);
        AddBool(node, LunWipeAfterDelete, lun.WipeAfterDelete);
        AddBool(node, LunShareable, lun.Shareable);
        foreach (var side in Sides)
        {
            var s = lun.Side(side);
            AddString(node, Entry(side, "logical_unit_id"), s.LogicalUnitId);
            AddString(node, Entry(side, "storage_type"), s.StorageType);
            AddString(node, Entry(side, "logical_unit_address"), s.Address);
            AddInt(node, Entry(side, "logical_unit_port"), s.Port);
            AddString(node, Entry(side, "logical_unit_portal"), s.Portal);
            AddString(node, Entry(side, "logical_unit_username"), s.Username);
            AddString(node, Entry(side, "logical_unit_password"), s.Password?.Reveal());
            AddString(node, Entry(side, "logical_unit_target"), s.Target);
        }

        AddUnknown(node, lun.UnknownKeys);
        return node;
    }

    private static void AddList<T>(YamlMappingNode root, string key, ValueList<T> items, Func<T, YamlMappingNode> write)
    {
        // An empty list is still written: it tells the operator (and the role) that nothing is mapped on purpose.
        root.Add(key, new YamlSequenceNode(items.Select(write)));
    }

    private static void AddUnknown(YamlMappingNode node, ValueList<UnknownKey> unknown)
    {
        foreach (var key in unknown)
        {
            node.Add(new YamlScalarNode(key.Key), YamlFragments.FromText(key.ValueYaml));
        }
    }

    private static void AddString(YamlMappingNode node, string key, string? value)
    {
        if (value is not null)
        {
            node.Add(key, Quoted(value));
        }
    }

    private static void AddBool(YamlMappingNode node, string key, bool? value)
    {
        if (value is not null)
        {
            node.Add(key, new YamlScalarNode(value.Value ? "True" : "False") { Style = ScalarStyle.Plain });
        }
    }

    private static void AddInt(YamlMappingNode node, string key, int? value)
    {
        if (value is not null)
        {
            node.Add(key, new YamlScalarNode(value.Value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain });
        }
    }

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    /// <summary>Blank lines and a comment before each section, as the role's example is laid out.</summary>
    private static string Layout(string emitted)
    {
        var text = new StringBuilder();
        var lines = emitted.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var previousTopKey = string.Empty;
        foreach (var line in lines)
        {
            if (line == "...")
            {
                continue;
            }

            var isTopKey = line.Length > 0 && line[0] is not (' ' or '-' or '#') && line != "---";
            if (isTopKey)
            {
                var key = line.Split(':', 2)[0];
                var section = SectionComments.GetValueOrDefault(key);
                var siteGroup = key.StartsWith("dr_sites_secondary_", StringComparison.Ordinal) ? "secondary" : key.StartsWith("dr_sites_primary_", StringComparison.Ordinal) ? "primary" : key;
                if (previousTopKey.Length > 0 && siteGroup != previousTopKey)
                {
                    text.Append('\n');
                }

                if (section is not null)
                {
                    text.Append(section).Append('\n');
                }

                previousTopKey = siteGroup;
            }

            text.Append(line).Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }
}
