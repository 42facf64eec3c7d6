using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Plans;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.PlanRuns;

/// <summary>
/// Re-IP and "verified up" of plan runs on the running console with the embedded lab, over real HTTP: the preview's old → new
/// rows, a re-IP'd VM's guest agent reporting its new address at the recovery engine and its old one after failback, and a
/// VM without a guest agent settling as up but unverified while the next priority group still starts.
/// </summary>
public sealed class ReIpRunsTests : IAsyncLifetime
{
    private readonly PlanRunConsole _console = new(vmsPerSite: 60);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _console.DisposeAsync();

    [Fact]
    public async Task ReIpPreview_PlanWithRule_AnswersOldToNewRowsKeepingTheHostPart()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-reip", ReIpRule));

        var rows = (await _console.Http.GetFromJsonAsync<JsonElement>("/api/plans/apps-reip/reip")).EnumerateArray().ToList();

        var applied = rows.Where(r => r.GetProperty("finding").ValueKind == JsonValueKind.Null).ToList();
        Assert.True(applied.Count > 0, string.Join("\n", rows.Take(5)));
        Assert.All(applied, r =>
        {
            var old = r.GetProperty("old").GetString()!;
            Assert.StartsWith("10.10.100.", old, StringComparison.Ordinal);
            Assert.Equal("10.20.100." + old.Split('.')[3], r.GetProperty("new").GetString());
            Assert.Equal("vm_prod", r.GetProperty("network").GetString());
            Assert.Equal("10.20.100.1", r.GetProperty("gateway").GetString());
            Assert.Equal("10.20.0.53", r.GetProperty("dns")[0].GetString());
            Assert.StartsWith("eth", r.GetProperty("nic").GetString(), StringComparison.Ordinal);
        });
        using var unknown = await _console.Http.GetAsync("/api/plans/payments/reip");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task PlanFailover_ReIp_AgentReportsTheNewAddressAtRecovery_ThenTheOldOneAfterFailback()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-reip", ReIpRule));
        var rows = (await _console.Http.GetFromJsonAsync<JsonElement>("/api/plans/apps-reip/reip")).EnumerateArray().ToList();
        var moved = rows.Where(r => r.GetProperty("finding").ValueKind == JsonValueKind.Null).Select(r => r.GetProperty("vm").GetString()!).ToHashSet();
        Assert.NotEmpty(moved);

        // The lab's Windows VMs on vm_prod are refused at preflight; the override starts them with the addresses they have.
        var failover = await _console.RunToSuccessAsync(new { kind = "failover", mode = "planned", plan = "apps-reip", overrideReason = "Windows VMs keep their addresses" });

        var vms = failover.GetProperty("vms").EnumerateArray().ToDictionary(v => v.GetProperty("vmName").GetString()!, v => v.Clone());
        var vm = vms.Values.First(v => moved.Contains(v.GetProperty("vmName").GetString()!) && v.GetProperty("up").GetBoolean());
        var name = vm.GetProperty("vmName").GetString()!;
        var id = vm.GetProperty("vmId").GetString()!;
        var row = rows.First(r => r.GetProperty("vm").GetString() == name);
        Assert.Contains(row.GetProperty("new").GetString(), await ReportedAddressesAsync("recovery", id));
        Assert.Equal("verified", vm.GetProperty("verification").GetString());
        Assert.Contains(row.GetProperty("new").GetString()!, vm.GetProperty("verificationNote").GetString(), StringComparison.Ordinal);

        var failback = await _console.RunToSuccessAsync(new { kind = "failback", mode = "planned" });

        Assert.Equal("apps-reip", failback.GetProperty("run").GetProperty("plan").GetString());
        Assert.Contains(row.GetProperty("old").GetString(), await ReportedAddressesAsync("primary", id));
        var back = failback.GetProperty("vms").EnumerateArray().Single(v => v.GetProperty("vmId").GetString() == id);
        Assert.Equal("verified", back.GetProperty("verification").GetString());
    }

    [Fact]
    public async Task PlanTest_VmWithoutGuestAgent_UpUnverifiedAfterTheTimeout_AndTheNextGroupStillStarts()
    {
        var primary = await _console.PrimaryInventoryAsync();
        var running = primary.Vms.Where(v => v.IsRunning && v.StorageDomainNames.Count > 0 && v.StorageDomainNames.All(PlanRunConsole.AppsDomains.Contains))
            .OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => v.Name).ToList();

        // The lab gives no guest agent to the primary VMs whose number ends in 7.
        var quiet = running.FirstOrDefault(n => int.Parse(n[^3..], CultureInfo.InvariantCulture) % 10 == 7);
        Assert.True(quiet is not null, $"no running VM without a guest agent on the apps domains: {string.Join(", ", running)}");
        var next = running.First(n => n != quiet && int.Parse(n[^3..], CultureInfo.InvariantCulture) % 10 != 7);
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-quiet", $"""
              vms:
              - name: "{quiet}"
                priority: 1
              - name: "{next}"
                priority: 2
            """));

        var run = await _console.RunToSuccessAsync(new { kind = "test", mode = "planned", plan = "apps-quiet" });

        var vms = run.GetProperty("vms").EnumerateArray().ToDictionary(v => v.GetProperty("vmName").GetString()!, v => v.Clone());
        Assert.Equal("upUnverified", vms[quiet].GetProperty("verification").GetString());
        Assert.Contains("guest agent reported no address", vms[quiet].GetProperty("verificationNote").GetString(), StringComparison.Ordinal);
        Assert.True(vms[next].GetProperty("started").GetBoolean());
        Assert.Equal("verified", vms[next].GetProperty("verification").GetString());
        Assert.True(vms[next].GetProperty("startedAt").GetDateTimeOffset() - vms[quiet].GetProperty("upAt").GetDateTimeOffset() >= TimeSpan.FromSeconds(2),
            $"{next} (group 2) started before {quiet} (group 1) was settled as unverified");
        var log = run.GetProperty("log").EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();
        Assert.Contains(log, m => m.Contains($"VM {quiet} is up but not verified", StringComparison.Ordinal));
    }

    private const string ReIpRule = """
          re_ip:
          - network: "vm_prod"
            primary_subnet: "10.10.100.0/24"
            recovery_subnet: "10.20.100.0/24"
            gateway: "10.20.100.1"
            dns: ["10.20.0.53"]
        """;

    private async Task<IReadOnlyList<string?>> ReportedAddressesAsync(string site, string vmId)
    {
        var client = await _console.Factory.Services.GetRequiredService<IEngineClientFactory>().GetClientAsync(site);
        var devices = await client.GetListAsync<OvirtReportedDevice>($"vms/{vmId}/reporteddevices");
        return [.. devices.SelectMany(d => d.Ips ?? OvirtCollection<OvirtIp>.Empty).Select(i => i.Address)];
    }
}
