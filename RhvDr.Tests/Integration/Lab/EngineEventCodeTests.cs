using System.Reflection;
using RhvDr.Core.Ovirt;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Lab.Simulation;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Lab;

/// <summary>
/// The event codes the lab logs and the console reads are the engine's own: each table entry is an <c>AuditLogType</c> with
/// the same number, and the lab logs nothing outside its table.
/// </summary>
public sealed class EngineEventCodeTests
{
    [Fact]
    public void LabTable_EveryEntry_IsTheEnginesAuditLogTypeWithItsNumberAndSeverity()
    {
        Assert.NotEmpty(EventCodes.All);
        Assert.All(EventCodes.All, entry =>
        {
            Assert.True(AuditLogTypes.ByName.TryGetValue(entry.Name, out var engine), $"{entry.Name} is not an AuditLogType");
            Assert.Equal((engine.Code, engine.Severity), (entry.Code, entry.Severity));
        });
    }

    [Fact]
    public void ConsoleTable_EveryEntry_IsTheEnginesAuditLogTypeWithItsNumber()
    {
        Assert.NotEmpty(EngineEventCodes.All);
        Assert.All(EngineEventCodes.All, entry =>
        {
            Assert.True(AuditLogTypes.ByName.TryGetValue(entry.Name, out var engine), $"{entry.Name} is not an AuditLogType");
            Assert.Equal(engine.Code, entry.Code);
        });
    }

    [Fact]
    public void Tables_All_ListsEveryEntryOnce()
    {
        Assert.Equal(Fields<RhvDr.Lab.Simulation.EngineEventCode>(typeof(EventCodes)).Order(), EventCodes.All.Select(e => e.Name).Order());
        Assert.Equal(Fields<RhvDr.Core.Ovirt.EngineEventCode>(typeof(EngineEventCodes)).Order(), EngineEventCodes.All.Select(e => e.Name).Order());
        Assert.Equal(EventCodes.All.Count, EventCodes.All.Select(e => e.Code).Distinct().Count());
        Assert.Equal(EngineEventCodes.All.Count, EngineEventCodes.All.Select(e => e.Code).Distinct().Count());
    }

    [Fact]
    public async Task Scenario_MaintenanceFencingSiteLossAndFailover_EveryLoggedCodeIsInTheLabTable()
    {
        // Arrange
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions(60));
        using var controlHttp = lab.CreateControlHttp();
        var control = new LabControlClient(controlHttp, lab.ControlToken);
        using var primary = await LabTestClient.LoginAsync(lab, "primary");
        using var recovery = await LabTestClient.LoginAsync(lab, "recovery");
        var (maintenanceHost, vm) = lab.Simulation.Read("primary", engine =>
        {
            var pinnedHosts = engine.Vms.Values.Where(v => v.PlacementAffinity == "pinned" && v.HostId is not null).Select(v => v.HostId!).ToHashSet();
            return (
                engine.Hosts.Values.First(h => h.Name is not ("host-prod-01" or "host-prod-03" or "host-prod-04") && !pinnedHosts.Contains(h.Id)).Id,
                engine.Vms.Values.First(v => v.Status == "up" && v.PlacementAffinity != "pinned" && !v.HighlyAvailable).Id);
        });

        var noUserOvfUpdateAtStart = EventsAt(lab, "primary").All(e => e.Code != EventCodes.UserUpdateOvfStore.Code);

        // Act: a user's maintenance (with a reason) and activation; VM operations; fencing three ways; the site lost and back.
        await primary.PostAsync($"hosts/{maintenanceHost}/deactivate", """{"reason":"firmware update"}""");
        await primary.PostAsync($"hosts/{maintenanceHost}/activate");
        await primary.PostAsync($"vms/{vm}/migrate");
        await primary.PostAsync($"vms/{vm}/shutdown");
        await primary.PostAsync($"vms/{vm}/start");
        await primary.PostAsync($"vms/{vm}/stop");
        await primary.PostAsync($"hosts/{await HostIdAsync(primary, "host-prod-01")}/fence", """{"fence_type":"restart"}""");
        await control.SetHostDownAsync("primary", "host-prod-03", down: true);
        await control.SetHostDownAsync("primary", "host-prod-03", down: false);
        await control.SetHostDownAsync("primary", "host-prod-04", down: true);
        await primary.PostAsync($"hosts/{await HostIdAsync(primary, "host-prod-04")}/fence", """{"fence_type":"manual"}""");
        await control.SetHostDownAsync("primary", "host-prod-04", down: false);
        await control.SetSiteDownAsync("primary");
        await control.SetSiteUpAsync("primary");

        // Act: a user's OVF update (the engine came back: a new session), then a failover of path2 through the engine API.
        using var primaryAgain = await LabTestClient.LoginAsync(lab, "primary");
        var path2 = (await primaryAgain.FindByNameAsync("storagedomains", "storage_domain", "path2")).GetProperty("id").GetString();
        await primaryAgain.PostAsync($"storagedomains/{path2}/updateovfstore");
        (await controlHttp.PostAsync("lab/array/pairs/pair-path2/promote", null)).EnsureSuccessStatusCode();
        var imported = await recovery.PostAsync("storagedomains",
            """{"name":"path2","type":"data","host":{"name":"host-rec-01"},"storage":{"type":"nfs","address":"10.20.1.10","path":"/export/path2"}}""");
        var domainId = imported.GetProperty("id").GetString();
        var dc = (await recovery.FindByNameAsync("datacenters", "data_center", "Recovery")).GetProperty("id").GetString();
        await recovery.PostAsync($"datacenters/{dc}/storagedomains", $$"""{"id":"{{domainId}}"}""");
        var registered = (await recovery.ListAsync($"storagedomains/{domainId}/vms?unregistered=true", "vm"))[0].GetProperty("id").GetString();
        await recovery.PostAsync($"storagedomains/{domainId}/vms/{registered}/register", """{"cluster":{"name":"cluster_recovery"},"allow_partial_import":"true"}""");
        await recovery.PostAsync($"vms/{registered}/start");

        // Assert: nothing outside the table, and the scenario logged what it should.
        var logged = EventsAt(lab, "primary").Concat(EventsAt(lab, "recovery")).ToList();
        var table = EventCodes.All.ToDictionary(e => e.Code);
        Assert.All(logged, e =>
        {
            Assert.True(table.TryGetValue(e.Code, out var type), $"code {e.Code} ({e.Description}) is not in the lab's table");
            Assert.Equal(type!.Severity, e.Severity);
        });
        var codes = logged.Select(e => e.Code).ToHashSet();
        Assert.All(
            new[]
            {
                EventCodes.UserVdsMaintenance, EventCodes.VmMigrationStartSystemInitiated, EventCodes.VmMigrationDone, EventCodes.VdsActivate,
                EventCodes.VdsDetected, EventCodes.VmMigrationStart, EventCodes.UserInitiatedShutdownVm, EventCodes.VmDown, EventCodes.UserStartedVm,
                EventCodes.UserRunVm, EventCodes.UserStopVm, EventCodes.UserVdsRestart, EventCodes.VdsFailure, EventCodes.VmNotResponding,
                EventCodes.SystemVdsRestart, EventCodes.VdsManualFenceStatus, EventCodes.VmDownError, EventCodes.HaVmFailed, EventCodes.VdsInitiatedRunVm,
                EventCodes.IrsHostedOnVds, EventCodes.UserUpdateOvfStore, EventCodes.UserAddStorageDomain, EventCodes.UserAttachStorageDomainToPool,
                EventCodes.VmImportFromConfigurationExecutedSuccessfully,
            },
            expected => Assert.True(codes.Contains(expected.Code), $"{expected.Name} was not logged"));
        Assert.True(noUserOvfUpdateAtStart, "the generated estate logged an OVF update nobody asked for");
        Assert.Contains(logged, e => e.Code == EventCodes.UserVdsMaintenance.Code && e.Description.EndsWith($"by {EventCodes.UserName} (Reason: firmware update).", StringComparison.Ordinal));
        Assert.Equal($"OVF_STORE for domain path2 was updated by {EventCodes.UserName}.", Assert.Single(logged, e => e.Code == EventCodes.UserUpdateOvfStore.Code).Description);
        Assert.DoesNotContain(logged, e => e.Description.Contains("${", StringComparison.Ordinal));
    }

    private static List<SimEvent> EventsAt(LabServer lab, string site) => lab.Simulation.Read(site, e => e.Events.ToList());

    private static async Task<string> HostIdAsync(LabTestClient client, string name) =>
        (await client.FindByNameAsync("hosts", "host", name)).GetProperty("id").GetString()!;

    private static IEnumerable<string> Fields<T>(Type table) =>
        table.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(T)).Select(f => ((T)f.GetValue(null)!) switch
        {
            RhvDr.Lab.Simulation.EngineEventCode lab => lab.Name,
            RhvDr.Core.Ovirt.EngineEventCode core => core.Name,
            _ => throw new InvalidOperationException(),
        });
}
