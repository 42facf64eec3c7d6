using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Recovery;
using RhvDr.Core.Sites;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Plans;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.PlanRuns;

/// <summary>
/// Re-IP and "verified up" of plan runs on the running console with the embedded lab, over real HTTP: the preview's old → new
/// rows, a re-IP'd VM's guest agent reporting its new address at the recovery engine and its old one after failback, and a
/// VM without a guest agent settling as up but unverified while the next priority group still starts, and TCP and HTTP
/// probes run from the console against real listeners.
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

    [Fact]
    public async Task PlanTest_OneStartAtATime_VmsWhoseAgentWasSilentAtTheSourceStartFirstInTheirGroup()
    {
        _console.Factory.Settings["RhvDr:Recovery:MaxParallelStarts"] = "1";
        var primary = await _console.PrimaryInventoryAsync();
        var running = primary.Vms.Where(v => v.IsRunning && v.StorageDomainNames.Count > 0 && v.StorageDomainNames.All(PlanRunConsole.AppsDomains.Contains)).ToList();
        var silent = running.Where(v => v.GuestFqdn is null).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        Assert.True(silent.Count > 0 && silent.Count < running.Count, $"the apps domains hold VMs with and without a reporting agent: {silent.Count} of {running.Count} silent");
        Assert.All(running.Where(v => !silent.Contains(v.Name)), v => Assert.Equal($"{v.Name}.lab.example", v.GuestFqdn));
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-order", ""));

        var run = await _console.RunToSuccessAsync(new { kind = "test", mode = "planned", plan = "apps-order" });

        var started = run.GetProperty("vms").EnumerateArray().Where(v => v.GetProperty("started").GetBoolean())
            .OrderBy(v => v.GetProperty("startedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(running.Count, started.Count);
        Assert.All(started, v => Assert.Equal(silent.Contains(v.GetProperty("vmName").GetString()!), v.GetProperty("noAgentAtSource").GetBoolean()));
        // A VM starts once its domain is active: the first domain's VMs may start before the second's is attached. The order
        // holds among the VMs of one domain.
        var order = started.Select(v => v.GetProperty("vmName").GetString()!).ToList();
        var perDomain = PerDomain(running, order);
        Assert.Contains(perDomain, d => d.Value.Any(silent.Contains) && !d.Value.All(silent.Contains));
        Assert.All(perDomain, d => Assert.Equal(
            d.Value.Where(silent.Contains).Order(StringComparer.Ordinal),
            d.Value.Take(d.Value.Count(silent.Contains)).Order(StringComparer.Ordinal)));
    }

    /// <summary>The started VMs in start order, per storage domain, for the VMs whose disks are all on one domain.</summary>
    private static Dictionary<string, List<string>> PerDomain(IEnumerable<InventoryVm> running, List<string> order)
    {
        var domainOf = running.Where(v => v.StorageDomainNames.Distinct(StringComparer.Ordinal).Count() == 1)
            .ToDictionary(v => v.Name, v => v.StorageDomainNames[0], StringComparer.Ordinal);
        return order.Where(domainOf.ContainsKey).GroupBy(n => domainOf[n], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    [Fact]
    public async Task PlanTest_NoHistory_AVmOthersStartAfterGoesFirst_AfterThoseWithoutAgent()
    {
        _console.Factory.Settings["RhvDr:Recovery:MaxParallelStarts"] = "1";
        var primary = await _console.PrimaryInventoryAsync();
        var running = primary.Vms.Where(v => v.IsRunning && v.StorageDomainNames.Count > 0 && v.StorageDomainNames.All(PlanRunConsole.AppsDomains.Contains)).ToList();
        var quiet = running.Where(v => v.GuestFqdn is null).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var single = running.Where(v => v.GuestFqdn is not null && v.StorageDomainNames.Distinct(StringComparer.Ordinal).Count() == 1)
            .OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        var (head, dependent) = (single[^1].Name, single[0].Name);
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-chain", $"""
              vms:
              - name: "{dependent}"
                after: ["{head}"]
            """));

        var run = await _console.RunToSuccessAsync(new { kind = "test", mode = "planned", plan = "apps-chain" });

        var order = run.GetProperty("vms").EnumerateArray().Where(v => v.GetProperty("started").GetBoolean())
            .OrderBy(v => v.GetProperty("startedAt").GetDateTimeOffset()).Select(v => v.GetProperty("vmName").GetString()!).ToList();
        var mine = PerDomain(running, order).Values.Single(d => d.Contains(head));
        var quietHere = mine.Count(quiet.Contains);
        Assert.True(mine.Count - quietHere >= 2, $"the head's domain has other VMs with an agent to start before: {string.Join(", ", mine)}");
        Assert.Equal(head, mine[quietHere]);
        Assert.True(order.IndexOf(dependent) > order.IndexOf(head), string.Join(", ", order));
    }

    [Fact]
    public async Task PlanTest_AVmAnEarlierRunSawVerifySlowly_StartsFirstInItsGroup_ThenThoseWithoutAgent()
    {
        _console.Factory.Settings["RhvDr:Recovery:MaxParallelStarts"] = "1";
        var primary = await _console.PrimaryInventoryAsync();
        var running = primary.Vms.Where(v => v.IsRunning && v.StorageDomainNames.Count > 0 && v.StorageDomainNames.All(PlanRunConsole.AppsDomains.Contains)).ToList();
        var quiet = running.Where(v => v.GuestFqdn is null).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var slow = running.Where(v => v.GuestFqdn is not null && v.StorageDomainNames.Distinct(StringComparer.Ordinal).Count() == 1)
            .Select(v => v.Name).Order(StringComparer.Ordinal).Last();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-learned", ""));

        // An earlier drill recorded that this VM, whose agent reports at the source, took 40 s from its start to verified.
        var store = _console.Factory.Services.GetRequiredService<IRunStore>();
        var earlier = DateTimeOffset.UtcNow.AddDays(-7);
        var drill = new RecoveryRun
        {
            Id = "20261128-030000-drill1", Kind = RunKind.Test, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
            Plan = "apps-learned", RequestedBy = "drill-scheduler", CreatedAt = earlier, StartedAt = earlier, FinishedAt = earlier.AddMinutes(5),
            Status = RunStatus.Cancelled,
        };
        await store.SaveRunAsync(drill, CancellationToken.None);
        await store.SaveVmAsync(new VmOutcome
        {
            RunId = drill.Id, VmId = "earlier", VmName = slow, WasRunning = true, Registered = true, Started = true, Up = true,
            StartedAt = earlier.AddMinutes(1), UpAt = earlier.AddMinutes(1), VerifiedAt = earlier.AddMinutes(1).AddSeconds(40), Verification = VmVerification.Verified,
        }, 1, CancellationToken.None);

        var run = await _console.RunToSuccessAsync(new { kind = "test", mode = "planned", plan = "apps-learned" });

        var order = run.GetProperty("vms").EnumerateArray().Where(v => v.GetProperty("started").GetBoolean())
            .OrderBy(v => v.GetProperty("startedAt").GetDateTimeOffset()).Select(v => v.GetProperty("vmName").GetString()!).ToList();
        var mine = PerDomain(running, order).Values.Single(d => d.Contains(slow));
        Assert.Equal(slow, mine[0]);
        var quietHere = mine.Where(quiet.Contains).ToList();
        Assert.Equal(quietHere.Order(StringComparer.Ordinal), mine.Skip(1).Take(quietHere.Count).Order(StringComparer.Ordinal));
        Assert.All(run.GetProperty("vms").EnumerateArray().Where(v => v.GetProperty("verification").GetString() is "verified" or "upUnverified"),
            v => Assert.True(v.GetProperty("verifiedAt").GetDateTimeOffset() >= v.GetProperty("upAt").GetDateTimeOffset(), v.ToString()));
    }

    [Fact]
    public async Task PlanTest_ProbesFromTheConsole_AnsweringOnesVerify_RefusedAndFailingOnesLeaveUpUnverified()
    {
        var primary = await _console.PrimaryInventoryAsync();
        var vms = primary.Vms.Where(v => v.IsRunning && v.StorageDomainNames.Count > 0 && v.StorageDomainNames.All(PlanRunConsole.AppsDomains.Contains))
            .Where(v => int.Parse(v.Name[^3..], CultureInfo.InvariantCulture) % 10 != 7)
            .OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => v.Name).Take(4).ToList();
        Assert.True(vms.Count == 4, $"four running VMs with a guest agent on the apps domains: {string.Join(", ", vms)}");
        using var open = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        open.Start();
        var openPort = ((IPEndPoint)open.LocalEndpoint).Port;
        using var accepting = new CancellationTokenSource();
        var accepted = AcceptAllAsync(open, accepting.Token);
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var health = new Uri(_console.Factory.BaseAddress, "healthz");
        // The API without a token: the service answers, but not 2xx.
        var refusing = new Uri(_console.Factory.BaseAddress, "api/runs");
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-probed", $"""
              vms:
              - name: "{vms[0]}"
                probe:
                  tcp: "127.0.0.1:{openPort}"
                  timeout_seconds: 30
              - name: "{vms[1]}"
                probe:
                  http: "{health}"
                  timeout_seconds: 30
              - name: "{vms[2]}"
                probe:
                  tcp: "127.0.0.1:{closedPort}"
                  timeout_seconds: 2
              - name: "{vms[3]}"
                probe:
                  http: "{refusing}"
                  timeout_seconds: 2
            """));

        var run = await _console.RunToSuccessAsync(new { kind = "test", mode = "planned", plan = "apps-probed" });

        await accepting.CancelAsync();
        await accepted;
        var byName = run.GetProperty("vms").EnumerateArray().ToDictionary(v => v.GetProperty("vmName").GetString()!, v => v.Clone());
        (string State, string Note) Verification(int i) =>
            (byName[vms[i]].GetProperty("verification").GetString()!, byName[vms[i]].GetProperty("verificationNote").GetString()!);
        Assert.Equal("verified", Verification(0).State);
        Assert.EndsWith($"probe tcp 127.0.0.1:{openPort} answered", Verification(0).Note, StringComparison.Ordinal);
        Assert.Equal("verified", Verification(1).State);
        Assert.EndsWith($"probe http {health} answered", Verification(1).Note, StringComparison.Ordinal);
        Assert.Equal("upUnverified", Verification(2).State);
        Assert.Contains($"probe tcp 127.0.0.1:{closedPort}: ", Verification(2).Note, StringComparison.Ordinal);
        Assert.Contains("refused", Verification(2).Note, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("upUnverified", Verification(3).State);
        Assert.EndsWith($"probe http {refusing}: answered 401", Verification(3).Note, StringComparison.Ordinal);
        Assert.All(vms, n => Assert.StartsWith("guest agent reports ", byName[n].GetProperty("verificationNote").GetString()!, StringComparison.Ordinal));
    }

    /// <summary>Accepts and closes connections until cancelled: a TCP service that is up.</summary>
    private static async Task AcceptAllAsync(System.Net.Sockets.TcpListener listener, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            listener.Stop();
        }
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
