using RhvDr.Tests.Support;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Recovery;
using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Recovery;

/// <summary>
/// Active/Active evacuation and return as runs, against the lab's stretch engine over HTTP. Sites are told apart here by
/// host name (host-prod-NN / host-rec-NN) and VM preference by the affinity labels the engine reports, independently of
/// the console's own mapping.
/// </summary>
public sealed class EvacuationTests : IAsyncLifetime
{
    private const string PrimaryHost = "host-prod-";
    private const string RecoveryHost = "host-rec-";
    private const int VmMigrated = 62;

    private RecoveryLab _lab = null!;

    public async Task InitializeAsync() =>
        _lab = await RecoveryLab.StartAsync(vms: 40, settings: Settings(), scenario: LabOptions.ActiveActive);

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    public static Dictionary<string, string?> Settings(bool abortOnVmFailure = false) => new()
    {
        ["RhvDr:Topology"] = "ActiveActive",
        ["RhvDr:Sites:0:EngineUrl"] = "lab:stretch",
        ["RhvDr:Sites:0:AffinityLabel"] = "site_primary",
        ["RhvDr:Sites:1:EngineUrl"] = "lab:stretch",
        ["RhvDr:Sites:1:AffinityLabel"] = "site_recovery",
        ["RhvDr:Recovery:AbortOnVmFailure"] = abortOnVmFailure ? "true" : "false",
    };

    [Fact]
    public async Task Evacuate_PrimarySite_PrimaryHostsInMaintenanceAndItsVmsLiveMigratedToRecovery()
    {
        // Arrange
        var client = await _lab.ClientAsync("primary");
        var before = await RunningOnAsync(client, PrimaryHost);
        Assert.NotEmpty(before);

        // Act
        var done = await _lab.RunToEndAsync(RunKind.Evacuate);

        // Assert: hosts in maintenance, SPM moved, every VM up at recovery with the same start time (migrated, never restarted).
        var hosts = await client.GetHostsAsync();
        Assert.Equal(["maintenance"], hosts.Where(h => h.Name!.StartsWith(PrimaryHost, StringComparison.Ordinal)).Select(h => h.Status).Distinct());
        Assert.StartsWith(RecoveryHost, hosts.Single(h => h.Spm?.Status == "spm").Name, StringComparison.Ordinal);
        var vms = (await client.GetVmsAsync()).ToDictionary(v => v.Id!);
        var hostNames = hosts.ToDictionary(h => h.Id!, h => h.Name!);
        Assert.All(before, b =>
        {
            var now = vms[b.Id!];
            Assert.Equal("up", now.Status);
            Assert.StartsWith(RecoveryHost, hostNames[now.Host!.Id!], StringComparison.Ordinal);
            Assert.Equal(b.StartTime, now.StartTime);
        });
        var report = RunReport.From(done);
        Assert.Equal("evacuate", report.Operation);
        Assert.Equal(before.Select(v => v.Id).Order(), report.Vms.Where(v => v.WasRunning).Select(v => v.VmId).Order());
        Assert.Equal(before.Count, report.VmsUp);
        Assert.Equal(0, report.VmsFailed);
        Assert.Contains("evacuated", done.Steps.Single(s => s.Name == RecoveryStepNames.Report).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_AfterEvacuation_PrimaryHostsUpAndEveryVmRunsAtItsPreferredSiteWithoutRestart()
    {
        // Arrange
        var client = await _lab.ClientAsync("primary");
        var running = (await client.GetVmsAsync()).Where(v => v.Status == "up").ToDictionary(v => v.Id!, v => v.StartTime);
        await _lab.RunToEndAsync(RunKind.Evacuate);

        // Act: no site named, so the run returns to the site the last evacuation emptied.
        var done = await _lab.RunToEndAsync(RunKind.Return);

        // Assert
        Assert.Equal(("recovery", "primary"), (done.Run.SourceSite, done.Run.TargetSite));
        var hosts = await client.GetHostsAsync();
        Assert.All(hosts, h => Assert.Equal("up", h.Status));
        var hostNames = hosts.ToDictionary(h => h.Id!, h => h.Name!);
        var preferred = await PreferredHostPrefixAsync(client);
        var vms = (await client.GetVmsAsync()).Where(v => running.ContainsKey(v.Id!)).ToList();
        Assert.Equal(running.Count, vms.Count);
        Assert.All(vms, v =>
        {
            Assert.Equal("up", v.Status);
            Assert.StartsWith(preferred[v.Id!], hostNames[v.Host!.Id!], StringComparison.Ordinal);
            Assert.Equal(running[v.Id!], v.StartTime);
        });
        Assert.Equal(vms.Count(v => preferred[v.Id!] == PrimaryHost), done.Vms.Count(v => v.Up));
        Assert.DoesNotContain(done.Vms, v => v.Failed);
    }

    [Fact]
    public async Task Resume_EvacuationFailedOnPinnedVm_SkipsVmsAlreadyMovedAndFinishes()
    {
        // Arrange: the run stops at the first VM it cannot move; the last VM in wave order is pinned to its host.
        await _lab.RestartHostAsync(Settings(abortOnVmFailure: true));
        var client = await _lab.ClientAsync("primary");
        var before = await RunningOnAsync(client, PrimaryHost);
        var pinned = before.Where(v => v.HighAvailability?.Enabled != true).MaxBy(v => v.Name, StringComparer.Ordinal)!;
        SetPlacement(pinned.Id!, "pinned");
        var started = await _lab.Runner.StartAsync(new RunRequest(RunKind.Evacuate, RunMode.Planned, null, null, TestActors.Operator, "primary"), CancellationToken.None);
        var failed = await _lab.WaitForStatusAsync(started.Run.Id, RunStatus.Failed, RunStatus.Succeeded);
        Assert.Equal(RunStatus.Failed, failed.Run.Status);
        Assert.Contains("non migratable", failed.Run.Error, StringComparison.Ordinal);
        var movedFirst = failed.Vms.Where(v => v.Up).Select(v => v.VmId).ToList();
        Assert.NotEmpty(movedFirst);

        // Act: the operator unpins the VM and resumes.
        SetPlacement(pinned.Id!, "migratable");
        await _lab.Runner.ResumeAsync(started.Run.Id, TestActors.Operator, CancellationToken.None);
        await _lab.WaitForRunAsync(started.Run.Id, d => d.Log.Any(l => l.Message.StartsWith("Resumed", StringComparison.Ordinal)));
        var done = await _lab.WaitForStatusAsync(started.Run.Id, RunStatus.Succeeded, RunStatus.Failed);

        // Assert: every VM migrated exactly once: the ones moved before the failure were skipped, not moved again.
        Assert.True(done.Run.Status == RunStatus.Succeeded, done.Run.Error);
        var migrations = (await client.GetEventsAsync(0)).Where(e => e.Code == VmMigrated && e.Vm?.Id is not null)
            .GroupBy(e => e.Vm!.Id!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(before, v => Assert.Equal(1, migrations.GetValueOrDefault(v.Id!)));
        Assert.All(done.Vms, v => Assert.True(v.Up && !v.Failed, $"{v.VmName}: {v.Reason}"));
        Assert.Contains($"{before.Count} of {before.Count} VMs run at recovery", done.Steps.Single(s => s.Name == RecoveryStepNames.MigrateVms).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_NoEvacuationAndNoSite_RefusedNamingTheSiteToGive()
    {
        var error = await Assert.ThrowsAsync<RunRequestException>(() =>
            _lab.Runner.StartAsync(new RunRequest(RunKind.Return, RunMode.Planned, null, null, TestActors.Operator), CancellationToken.None));

        Assert.Contains("no evacuation to return from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FailoverOnActiveActive_RefusedPointingToEvacuate()
    {
        var error = await Assert.ThrowsAsync<RunRequestException>(() =>
            _lab.Runner.StartAsync(new RunRequest(RunKind.Failover, RunMode.Planned, null, null, TestActors.Operator), CancellationToken.None));

        Assert.Contains("evacuate and return", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<OvirtVm>> RunningOnAsync(IEngineClient client, string hostPrefix)
    {
        var hosts = (await client.GetHostsAsync()).ToDictionary(h => h.Id!, h => h.Name!);
        return [.. (await client.GetVmsAsync()).Where(v => v.Status == "up" && v.Host?.Id is { } id && hosts[id].StartsWith(hostPrefix, StringComparison.Ordinal))];
    }

    /// <summary>The host name prefix of each labelled VM's preferred site.</summary>
    private static async Task<Dictionary<string, string>> PreferredHostPrefixAsync(IEngineClient client)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in await client.GetAffinityLabelsAsync())
        {
            var prefix = label.Name == "site_primary" ? PrimaryHost : label.Name == "site_recovery" ? RecoveryHost : null;
            foreach (var vm in prefix is null ? OvirtCollection<OvirtRef>.Empty : label.Vms ?? OvirtCollection<OvirtRef>.Empty)
            {
                result[vm.Id!] = prefix!;
            }
        }

        return result;
    }

    private void SetPlacement(string vmId, string affinity)
    {
        _lab.Lab.Simulation.Stage(EstateGenerator.StretchSite, e => e.Vms[vmId].PlacementAffinity = affinity);
    }
}
