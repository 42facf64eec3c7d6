using RhvDr.Lab;
using RhvDr.Lab.Simulation;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Lab;

public sealed class ActiveActiveSiteLossTests
{
    private static LabOptions StretchOptions() => new() { Scenario = LabOptions.ActiveActive, TimeScale = 0, VmsPerSite = 120, AdminPassword = "lab-secret" };

    [Fact]
    public async Task StartAsync_ActiveActive_OneEngineWithHostsAtBothSites()
    {
        await using var lab = await LabServer.StartAsync(StretchOptions());
        using var stretch = await LabTestClient.LoginAsync(lab, EstateGenerator.StretchSite);

        var hosts = await stretch.ListAsync("hosts", "host");
        var clusters = await stretch.ListAsync("clusters", "cluster");
        var labels = await stretch.ListAsync("affinitylabels", "affinity_label");
        var status = lab.Simulation.GetStatus();

        Assert.Equal([EstateGenerator.StretchSite], lab.Sites.Select(s => s.Name));
        Assert.Single(clusters);
        Assert.Equal(16, hosts.Count);
        Assert.Equal([EstateGenerator.PrimarySpmPriority.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            hosts.Where(h => h.GetProperty("name").GetString()!.StartsWith("host-prod-", StringComparison.Ordinal)).Select(h => h.GetProperty("spm").GetProperty("priority").ToString()).Distinct());
        Assert.Contains(labels, l => l.GetProperty("name").GetString() == "site_primary");
        Assert.All(lab.Simulation.ListPairs(), p => Assert.Equal("sync", p.Mode));
        Assert.Equal(["primary", "recovery"], status.Sites.Select(s => s.Name));
    }

    [Fact]
    public async Task SiteDown_FencingDeviceLost_LeasedHaVmsRestartAtSurvivingSiteByPriorityAndTheRestWait()
    {
        // Arrange
        await using var lab = await LabServer.StartAsync(StretchOptions());
        using var control = lab.CreateControlHttp();
        var before = RunningAt(lab, "primary");
        Assert.Contains(before, v => v.HighlyAvailable && v.LeaseStorageDomainId is not null);
        Assert.Contains(before, v => v.HighlyAvailable && v.LeaseStorageDomainId is null);
        Assert.Contains(before, v => !v.HighlyAvailable);

        // Act: the primary site loses power, fencing devices included.
        (await control.PostAsync("/lab/control/sites/primary/down", null)).EnsureSuccessStatusCode();

        // Assert: the engine still answers; leased HA VMs run at the recovery site; unleased HA VMs and the rest wait.
        using var stretch = await LabTestClient.LoginAsync(lab, EstateGenerator.StretchSite);
        Assert.NotEmpty(await stretch.ListAsync("vms", "vm"));
        lab.Simulation.Inspect(EstateGenerator.StretchSite, engine =>
        {
            foreach (var vm in before)
            {
                var now = engine.Vms[vm.Id];
                if (vm.HighlyAvailable && vm.LeaseStorageDomainId is not null)
                {
                    Assert.Equal("up", now.Status);
                    Assert.Equal("recovery", engine.Hosts[now.HostId!].SiteLabel);
                }
                else
                {
                    Assert.Equal("unknown", now.Status);
                }
            }

            Assert.Contains(engine.Events, e => e.Code == EventCodes.VdsAlertFenceOperationFailed.Code);
            Assert.DoesNotContain(engine.Events, e => e.Code == EventCodes.SystemVdsRestart.Code);
            var restartedPriorities = engine.Events.Where(e => e.Code == EventCodes.VdsInitiatedRunVm.Code).Select(e => engine.Vms[e.VmId!].HaPriority).ToList();
            Assert.Equal(before.Count(v => v.HighlyAvailable && v.LeaseStorageDomainId is not null), restartedPriorities.Count);
            Assert.Equal(restartedPriorities.OrderByDescending(p => p), restartedPriorities);

            // The SPM host went with the site and cannot be fenced: the SPM role cannot move.
            Assert.Equal("host-prod-01", engine.Hosts.Values.Single(h => h.IsSpm).Name);
        });
    }

    [Fact]
    public async Task SiteDown_FencingAvailable_EveryHaVmRestartsAtSurvivingSiteAndNonHaStayDown()
    {
        // Arrange
        await using var lab = await LabServer.StartAsync(StretchOptions());
        using var control = lab.CreateControlHttp();
        var before = RunningAt(lab, "primary");

        // Act
        (await control.PostAsync("/lab/control/sites/primary/down?fencing=available", null)).EnsureSuccessStatusCode();

        // Assert: hosts with a fencing device were fenced; their HA VMs run at the recovery site; non-HA VMs are down.
        lab.Simulation.Inspect(EstateGenerator.StretchSite, engine =>
        {
            var fencedHostIds = engine.Hosts.Values.Where(h => h.Fenced).Select(h => h.Id).ToHashSet();
            Assert.NotEmpty(fencedHostIds);
            foreach (var vm in before.Where(v => fencedHostIds.Contains(v.HostId!)))
            {
                var now = engine.Vms[vm.Id];
                Assert.Equal(vm.HighlyAvailable ? "up" : "down", now.Status);
                if (vm.HighlyAvailable)
                {
                    Assert.Equal("recovery", engine.Hosts[now.HostId!].SiteLabel);
                }
            }

            var spm = engine.Hosts.Values.Single(h => h.IsSpm);
            Assert.Equal("recovery", spm.SiteLabel);
        });
    }

    [Fact]
    public async Task SiteUp_AfterLoss_HostsUpAndNoVmLeftUnknown()
    {
        await using var lab = await LabServer.StartAsync(StretchOptions());
        lab.Simulation.SetSiteDown("primary", down: true);

        lab.Simulation.SetSiteDown("primary", down: false);

        lab.Simulation.Inspect(EstateGenerator.StretchSite, engine =>
        {
            Assert.All(engine.Hosts.Values, h => Assert.Equal("up", h.Status));
            Assert.DoesNotContain(engine.Vms.Values, v => v.Status == "unknown");
            Assert.Equal(["up"], engine.Vms.Values.Where(v => v.HighlyAvailable && v.WantsUp).Select(v => v.Status).Distinct());
        });
    }

    private static List<SimVm> RunningAt(LabServer lab, string site)
    {
        return lab.Simulation.Read(EstateGenerator.StretchSite, engine => engine.Vms.Values
                .Where(v => v.Status == "up" && engine.Hosts[v.HostId!].SiteLabel == site)
                .Select(v => new SimVm { Id = v.Id, Name = v.Name, ClusterId = v.ClusterId, HostId = v.HostId, HighlyAvailable = v.HighlyAvailable, HaPriority = v.HaPriority, LeaseStorageDomainId = v.LeaseStorageDomainId })
                .ToList());
    }
}
