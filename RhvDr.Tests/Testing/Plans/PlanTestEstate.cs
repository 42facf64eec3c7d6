using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Tests.Plans;

/// <summary>
/// A small primary estate and mapping to validate plans against: domains d1–d4 mapped, d5 present but unmapped; VMs db1 (based
/// on template tpl1, on d1) and app1 on d1, web1 and the Windows VM win1 (a NIC on net_prod) on d2, span1 with disks on d3 and
/// d4, thin1 on d4 based on template tpl3 (on d3); template tpl4 has one disk on d3 and one on d4; network net_prod mapped.
/// </summary>
internal static class PlanTestEstate
{
    public static PlanEstate Estate { get; } = new(
        ["d1", "d2", "d3", "d4", "d5"],
        [
            new PlanEstateVm("db1", ["d1"]) { Template = "tpl1", OsType = "rhel_9x64", Networks = ["net_prod"] },
            new PlanEstateVm("app1", ["d1"]),
            new PlanEstateVm("web1", ["d2"]) { OsType = "rhel_8x64", Networks = ["net_prod"] },
            new PlanEstateVm("win1", ["d2"]) { OsType = "windows_2019x64", Networks = ["net_prod"] },
            new PlanEstateVm("span1", ["d3", "d4"]),
            new PlanEstateVm("thin1", ["d4"]) { Template = "tpl3" },
        ])
    {
        Templates =
        [
            new PlanEstateTemplate("tpl1", [["d1"]]),
            new PlanEstateTemplate("tpl3", [["d3"]]),
            new PlanEstateTemplate("tpl4", [["d3"], ["d4"]]),
        ],
    };

    public static DrMapping Mapping { get; } = new()
    {
        ImportStorages = [.. new[] { "d1", "d2", "d3", "d4" }.Select(name => new StorageDomainMapping { Primary = new StorageDomainSide { Name = name } })],
        Networks = [new NetworkMapping(new NetworkSide("net_prod", "net_prod", null, null), NetworkSide.Empty)],
    };

    /// <summary>Imports <paramref name="yaml"/> (which must read without errors) and validates it.</summary>
    public static IReadOnlyList<MappingFinding> Validate(string yaml)
    {
        var imported = PlanYaml.Import(yaml);
        Assert.False(imported.HasErrors, string.Join("\n", imported.Findings));
        return PlanValidator.Validate(imported.Document!, Mapping, Estate, imported.Source);
    }

    /// <summary>The 1-based line of <paramref name="yaml"/> marked with a <c>#!</c> comment.</summary>
    public static int MarkedLine(string yaml) =>
        Array.FindIndex(yaml.Split('\n'), l => l.Contains("#!", StringComparison.Ordinal)) + 1;
}
