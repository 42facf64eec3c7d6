using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Mapping;
using RhvDr.Core.Ovirt;
using RhvDr.Lab.Simulation;
using RhvDr.Tests.Integration;

namespace RhvDr.Tests.Mapping;

/// <summary>Generation and validation from the live lab, read by <see cref="EngineMappingInventorySource"/> over real HTTP.</summary>
public sealed class MappingLabGenerationTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _console = new();

    public Task InitializeAsync()
    {
        _ = _console.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _console.DisposeAsync();

    [Fact]
    public async Task ReadAsync_LabPrimary_ReadsTheEstatesObjects()
    {
        var source = _console.Services.GetRequiredService<IMappingInventorySource>();

        var primary = await source.ReadAsync(EstateGenerator.PrimarySite);

        Assert.Equal(["Prod"], primary.DataCenters.Select(d => d.Name));
        Assert.Equal(["cluster_prod"], primary.Clusters.Select(c => c.Name));
        Assert.Superset(new HashSet<string> { "primary_master_storage", "path2", "scsi_domain", "scsi_domain2", "hosted_storage", "export" }, primary.StorageDomains.Select(d => d.Name).ToHashSet());
        Assert.True(primary.StorageDomains.Single(d => d.Name == "primary_master_storage").IsMaster);
        Assert.Equal(["iqn.2017-10.com.primary.redhat:444"], primary.StorageDomains.Single(d => d.Name == "scsi_domain").Targets);
        Assert.Equal(EstateGenerator.ScsiDomainId, primary.StorageDomains.Single(d => d.Name == "scsi_domain").Id);
        Assert.Equal(["primary_affinity"], primary.AffinityGroups.Select(g => g.Name));
        Assert.Equal(["label_prod"], primary.AffinityLabels);
        Assert.Contains(primary.VnicProfiles, p => p.ProfileId == EstateGenerator.OvirtmgmtProfileId && p.DataCenter == "Prod");
        Assert.Contains(primary.Vms, vm => vm.LunIds.Contains(EstateGenerator.MappedLunId));
        Assert.Contains(primary.Vms, vm => vm.AffinityGroups.Contains("primary_affinity"));
        Assert.Contains(primary.Vms, vm => vm.AffinityLabels.Contains("label_prod"));
        Assert.Contains(primary.Vms, vm => vm.DeleteProtected);
        var production = primary.Vms.Where(vm => vm.Name.StartsWith("prod-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["cluster_prod"], production.Select(vm => vm.Cluster).Distinct());
        Assert.All(production, vm =>
        {
            Assert.NotEmpty(vm.StorageDomains);
            Assert.NotEmpty(vm.VnicProfiles);
        });
    }

    [Fact]
    public async Task ReadAsync_LabPrimary_GivesEachVmExactlyTheGroupsAndLabelsTheEngineListsItIn()
    {
        var source = _console.Services.GetRequiredService<IMappingInventorySource>();
        var client = await _console.Services.GetRequiredService<IEngineClientFactory>().GetClientAsync(EstateGenerator.PrimarySite);
        var names = (await client.GetVmsAsync()).ToDictionary(vm => vm.Id!, vm => vm.Name!);
        var cluster = (await client.GetClustersAsync()).Single();
        var group = (await client.GetAffinityGroupsAsync(cluster.Id!)).Single();
        var label = (await client.GetListAsync<OvirtAffinityLabel>("affinitylabels?follow=vms,hosts")).Single();

        var primary = await source.ReadAsync(EstateGenerator.PrimarySite);

        string[] Members(OvirtCollection<OvirtRef>? refs) => [.. refs!.Select(r => names[r.Id!]).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(Members(group.Vms));
        Assert.Equal(Members(group.Vms), primary.Vms.Where(vm => vm.AffinityGroups.SequenceEqual([group.Name!])).Select(vm => vm.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Members(label.Vms), primary.Vms.Where(vm => vm.AffinityLabels.SequenceEqual([label.Name!])).Select(vm => vm.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GenerateAsync_LabEstate_MatchesTheLabsObjectsAndValidatesWithoutErrors()
    {
        var service = _console.Services.GetRequiredService<MappingService>();

        var generated = await service.GenerateAsync();
        var check = await service.ValidateAsync(generated.Mapping);

        var mapping = generated.Mapping;
        Assert.Equal(["primary_master_storage", "path2", "scsi_domain", "scsi_domain2"], mapping.ImportStorages.Select(s => s.Primary.Name));
        Assert.True(mapping.ImportStorages[0].Primary.IsMaster);
        Assert.Equal(EstateGenerator.ScsiDomainId, mapping.ImportStorages.Single(s => s.Primary.Name == "scsi_domain").DomainId);
        Assert.All(mapping.ImportStorages, s => Assert.Equal("Recovery", s.Secondary.DcName));
        var path2 = mapping.ImportStorages.Single(s => s.Primary.Name == "path2");
        Assert.Equal(("10.20.1.10", "/export/path2"), (path2.Secondary.Address, path2.Secondary.Path));
        var scsi = mapping.ImportStorages.Single(s => s.Primary.Name == "scsi_domain");
        Assert.Equal("10.20.1.20", scsi.Secondary.Address);
        Assert.Equal(["iqn.2017-07.com.recovery.redhat:444"], scsi.Secondary.Targets);
        Assert.DoesNotContain(generated.Findings, f => f.Code == MappingFindingCodes.GenerateAssumed && f.Key.StartsWith("dr_import_storages", StringComparison.Ordinal));
        Assert.Equal([new NameMapping("cluster_prod", "cluster_recovery")], mapping.Clusters);
        Assert.Equal([new NameMapping("primary_affinity", "secondary_affinity")], mapping.AffinityGroups);
        Assert.Equal([new NameMapping("label_prod", "label_recovery")], mapping.AffinityLabels);
        Assert.Equal(["ovirtmgmt/ovirtmgmt", "vm_backend/vm_backend", "vm_prod/vm_prod"],
            mapping.Networks.Select(n => $"{n.Secondary.NetworkName}/{n.Secondary.ProfileName}").Order(StringComparer.Ordinal));
        var lun = Assert.Single(mapping.Luns, l => l.Primary.LogicalUnitId == EstateGenerator.MappedLunId);
        Assert.Equal(EstateGenerator.RecoveryLunId, lun.Secondary.LogicalUnitId);
        Assert.DoesNotContain(check.Findings, f => f.IsError);
        Assert.All(check.EngineChecks, c => Assert.True(c.Reachable, c.Message));
    }
}
