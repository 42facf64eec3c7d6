using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Sites;
using RhvDr.Tests.Components;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Mapping;

/// <summary>A disaster run's mapping check: the lost site's side against the last inventory read from it, the other side live.</summary>
public sealed class MappingLostSideTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 3, 1, 14, 2, 11, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(ReadAt);
    private readonly LostSiteMappingInventorySource _source = new(new Dictionary<string, MappingInventory>
    {
        ["primary"] = MappingInventories.Primary,
        ["recovery"] = MappingInventories.Secondary,
    });

    private readonly MappingInventoryMemory _memory;
    private readonly MappingService _service;
    private readonly DrMapping _mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;

    public MappingLostSideTests()
    {
        _memory = new MappingInventoryMemory(_clock);
        var options = new RhvDrOptions
        {
            Sites =
            [
                new SiteOptions { Name = "primary", Role = SiteRole.Primary, EngineUrl = "https://engine1.example.com/ovirt-engine/api" },
                new SiteOptions { Name = "recovery", Role = SiteRole.Recovery, EngineUrl = "https://engine2.example.com/ovirt-engine/api" },
            ],
        };
        _service = new MappingService(new InMemoryMappingStore(), _source, Options.Create(options), new RecordingAuditTrail(), NullLogger<MappingService>.Instance, memory: _memory);
    }

    [Fact]
    public async Task ValidateWithLostSide_PrimaryDownAfterARead_ChecksItsLastInventoryAndSaysHowOld()
    {
        // Arrange: the console read both sites, then the primary was lost three minutes later.
        await _service.ReadInventoriesAsync();
        _source.SetDown("primary");
        _clock.Advance(TimeSpan.FromMinutes(3));

        // Act
        var result = await _service.ValidateWithLostSideAsync(_mapping, MappingSide.Primary);

        // Assert: no error, one warning naming the inventory's age, and the recovery side read live.
        Assert.DoesNotContain(result.Findings, f => f.IsError);
        var lost = Assert.Single(result.Findings, f => f.Code == MappingFindingCodes.EngineLastInventory);
        Assert.Equal(MappingSeverity.Warning, lost.Severity);
        Assert.Equal("dr_sites_primary_url", lost.Key);
        Assert.StartsWith("Primary checked against its last inventory, read 3 min ago at 2026-03-01 14:02:11 UTC (the engine does not answer)", lost.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", lost.Message, StringComparison.Ordinal);
        Assert.Equal(ReadAt, result.LostSide!.LastInventoryReadAt);
        Assert.Same(MappingInventories.Primary, result.Primary);
        Assert.Contains(result.EngineChecks, c => c.Side == MappingSide.Secondary && c.Reachable && c.Summary == "Recovery checked live");
    }

    [Fact]
    public async Task ValidateWithLostSide_LastInventoryHasAProtectedVmOnAnUnmappedProfile_IsAnError()
    {
        // Arrange: before the loss a protected VM got a NIC on a profile the mapping does not cover and the recovery site lacks.
        var vm = MappingInventories.ProtectedVm with { VnicProfiles = [.. MappingInventories.ProtectedVm.VnicProfiles, new MappingVnicProfile("backup", "backup", "p-backup", "Prod")] };
        _source.Set("primary", MappingInventories.Primary with { Vms = [vm] });
        await _service.ReadInventoriesAsync();
        _source.SetDown("primary");

        // Act
        var result = await _service.ValidateWithLostSideAsync(_mapping, MappingSide.Primary);

        // Assert: the gap is an error naming the VM; the lost engine itself is not.
        var gap = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal(MappingFindingCodes.CoverageVnicProfile, gap.Code);
        Assert.Contains("backup/backup", gap.Message, StringComparison.Ordinal);
        Assert.Contains("web01", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateWithLostSide_MappedRecoveryClusterMissing_IsAnError()
    {
        await _service.ReadInventoriesAsync();
        _source.SetDown("primary");
        var mapping = _mapping with { Clusters = [new NameMapping("cluster_prod", "cluster_gone")] };

        var result = await _service.ValidateWithLostSideAsync(mapping, MappingSide.Primary);

        var gap = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal((MappingFindingCodes.ObjectMissingSecondary, "dr_cluster_mappings[0].secondary_name"), (gap.Code, gap.Key));
    }

    [Fact]
    public async Task ValidateWithLostSide_PrimaryNeverRead_WarnsItCannotBeCheckedAndStillChecksTheRecoverySide()
    {
        // Arrange: the primary was down before the console ever read it (or the console restarted since).
        _source.SetDown("primary");
        var clean = await _service.ValidateWithLostSideAsync(_mapping, MappingSide.Primary);
        var gapped = await _service.ValidateWithLostSideAsync(_mapping with { Clusters = [new NameMapping("cluster_prod", "cluster_gone")] }, MappingSide.Primary);

        // Assert: not checked is a warning, not an error; a gap at the recovery site still is an error.
        Assert.DoesNotContain(clean.Findings, f => f.IsError);
        var notChecked = Assert.Single(clean.Findings, f => f.Code == MappingFindingCodes.EngineLostNotChecked);
        Assert.Equal(MappingSeverity.Warning, notChecked.Severity);
        Assert.Contains("has not read it since it started", notChecked.Message, StringComparison.Ordinal);
        Assert.False(clean.LostSide!.CheckedAgainstLastInventory);
        Assert.Equal(MappingFindingCodes.ObjectMissingSecondary, Assert.Single(gapped.Findings, f => f.IsError).Code);
    }

    [Fact]
    public async Task ValidateWithLostSide_RecoveryDown_IsAnError()
    {
        await _service.ReadInventoriesAsync();
        _source.SetDown("primary");
        _source.SetDown("recovery");

        var result = await _service.ValidateWithLostSideAsync(_mapping, MappingSide.Primary);

        var error = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal((MappingFindingCodes.EngineUnreachable, "dr_sites_secondary_url"), (error.Code, error.Key));
    }

    [Fact]
    public async Task ValidateAsync_PrimaryDown_StaysAnErrorOutsideADisasterRun()
    {
        await _service.ReadInventoriesAsync();
        _source.SetDown("primary");

        var result = await _service.ValidateAsync(_mapping);

        var error = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal((MappingFindingCodes.EngineUnreachable, "dr_sites_primary_url"), (error.Code, error.Key));
    }
}
