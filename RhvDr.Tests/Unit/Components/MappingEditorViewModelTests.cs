using RhvDr.Console.Model;
using RhvDr.Core.Mapping;
using RhvDr.Tests.Mapping;

namespace RhvDr.Tests.Components;

public sealed class MappingEditorViewModelTests
{
    private const string ClusterTarget = "dr_cluster_mappings[0].secondary_name";

    [Fact]
    public void SetSecondary_MissingClusterPickedFromRecovery_FindingClears()
    {
        var viewModel = LoadedWithWrongCluster();
        Assert.Contains(viewModel.FindingsFor("dr_cluster_mappings[0]"), f => f.Code == MappingFindingCodes.ObjectMissingSecondary && f.Key == ClusterTarget);

        viewModel.SetSecondary(MappingEditorKind.Clusters, 0, "cluster_recovery");

        Assert.Empty(viewModel.FindingsFor("dr_cluster_mappings[0]"));
        Assert.Equal("cluster_recovery", viewModel.Mapping.Clusters[0].SecondaryName);
        Assert.True(viewModel.IsDirty);
        Assert.Equal(0, viewModel.Errors);
    }

    [Fact]
    public void SecondaryChoices_Clusters_AreTheRecoveryInventorysNames()
    {
        var viewModel = LoadedWithWrongCluster();

        Assert.Equal(["cluster_recovery"], viewModel.SecondaryChoices(MappingEditorKind.Clusters));
        Assert.Equal(["ovirtmgmt/ovirtmgmt"], viewModel.SecondaryChoices(MappingEditorKind.Networks));
        Assert.Contains("path2", viewModel.SecondaryChoices(MappingEditorKind.Storage));
    }

    [Fact]
    public void AddRow_EmptyCluster_ReportsEmptyNameOnTheNewRow()
    {
        var viewModel = LoadedWithWrongCluster();

        viewModel.AddRow(MappingEditorKind.Clusters);

        Assert.Equal(2, viewModel.Count(MappingEditorKind.Clusters));
        Assert.Contains(viewModel.Rows(MappingEditorKind.Clusters)[1].Findings, f => f.Code == MappingFindingCodes.NameEmpty);
    }

    [Fact]
    public void RemoveRow_OnlyNetwork_LeavesCoverageFindingOnTheList()
    {
        var viewModel = LoadedWithWrongCluster();

        viewModel.RemoveRow(MappingEditorKind.Networks, 0);

        Assert.Equal(0, viewModel.Count(MappingEditorKind.Networks));
        Assert.Contains(viewModel.ListFindings(MappingEditorKind.Networks), f => f.Code == MappingFindingCodes.CoverageVnicProfile);
    }

    [Fact]
    public void SetPrimary_StorageDomainFromPrimaryInventory_FillsTypeAndAddress()
    {
        var viewModel = LoadedWithWrongCluster();
        viewModel.AddRow(MappingEditorKind.Storage);
        var index = viewModel.Count(MappingEditorKind.Storage) - 1;

        viewModel.SetPrimary(MappingEditorKind.Storage, index, "scsi_domain");

        var item = viewModel.Mapping.ImportStorages[index];
        Assert.Equal("iscsi", item.DomainType);
        Assert.Equal("aa92cc71-1b88-4998-a755-970ef8a638ea", item.DomainId);
        Assert.Equal("scsi_domain", item.Secondary.Name);
    }

    [Fact]
    public void Import_MalformedYaml_KeepsMappingAndReportsLine()
    {
        var viewModel = LoadedWithWrongCluster();
        var before = viewModel.Mapping;

        var ok = viewModel.Import("dr_cluster_mappings:\n  - primary_name: [oops\n");

        Assert.False(ok);
        Assert.Same(before, viewModel.Mapping);
        var finding = Assert.Single(viewModel.Findings);
        Assert.Equal(MappingFindingCodes.YamlSyntax, finding.Code);
        Assert.NotNull(finding.Line);
    }

    [Fact]
    public void Import_Fixture_FindingsCarryFileLines()
    {
        var viewModel = new MappingEditorViewModel();
        viewModel.SetInventories(MappingInventories.Primary, MappingInventories.Secondary with { Clusters = [] }, []);

        Assert.True(viewModel.Import(MappingFixtures.Example()));

        var missing = Assert.Single(viewModel.Findings, f => f.Key == ClusterTarget);
        Assert.NotNull(missing.Line);
    }

    private static MappingEditorViewModel LoadedWithWrongCluster()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping! with { Clusters = [new NameMapping("cluster_prod", "cluster_gone")] };
        var viewModel = new MappingEditorViewModel();
        viewModel.Load(new StoredMapping(new MappingVersionInfo(1, DateTimeOffset.UnixEpoch, "test", null, true, 1, 0, "first"), mapping, []));
        viewModel.SetInventories(MappingInventories.Primary, MappingInventories.Secondary, []);
        return viewModel;
    }
}
