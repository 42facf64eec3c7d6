using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Lab.Simulation;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// The console process is killed (SIGKILL) in the middle of a failover while the engines keep their state; another console
/// starts on the same database, the run is resumed and finishes. What happened is read from the engines themselves.
/// </summary>
public sealed class ConsoleCrashTests
{
    [Fact]
    public async Task PlannedFailover_ConsoleKilledWhileVmsStart_ResumedRunFinishesEveryVmUpAndNoneStartedTwice()
    {
        // Slow enough that a kill lands while VMs register and start, fast enough for the suite.
        await using var lab = await ExternalLab.StartAsync(o => o.TimeScale = 0.02);
        var data = Path.Combine(lab.Directory, "console-data");
        var environment = Environment(lab, data);
        using var primary = new EngineProbe(lab.Primary, lab.CaFile);
        using var recovery = new EngineProbe(lab.Recovery, lab.CaFile);
        var runningBefore = (await primary.VmStatusesAsync()).Where(v => v.Value == "up").Select(v => v.Key).ToHashSet();

        string id;
        await using (var first = await ConsoleProcess.StartAsync(RepositoryPaths.ConsoleBuildOutput, environment))
        {
            using var http = first.CreateApiClient(ConsoleAppFactory.AdminToken);
            await WaitForSitesAsync(http);
            await SaveMappingAsync(http, lab);
            using var started = await http.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "planned" });
            id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            // Killed once some VMs run at the recovery site and others do not yet.
            await WaitFor.ValueAsync(recovery.VmStatusesAsync,
                vms => vms.Count(v => v.Value == "up") is > 0 and var up && up < runningBefore.Count / 2,
                "some VMs up at recovery, most not yet", TimeSpan.FromSeconds(120));
            await first.KillAsync();
        }

        await using var second = await ConsoleProcess.StartAsync(RepositoryPaths.ConsoleBuildOutput, environment);
        using var api = second.CreateApiClient(ConsoleAppFactory.AdminToken);
        var interrupted = await api.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.Equal("interrupted", interrupted.GetProperty("run").GetProperty("status").GetString());
        await WaitForSitesAsync(api);
        using (var resume = await api.PostAsync($"/api/runs/{id}/resume", null))
        {
            Assert.True(resume.IsSuccessStatusCode, await resume.Content.ReadAsStringAsync());
        }
        var run = await WaitFor.ValueAsync(() => api.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
            "the resumed run to finish", TimeSpan.FromSeconds(180));
        Assert.True(run.GetProperty("run").GetProperty("status").GetString() == "succeeded", $"{run.GetProperty("run")}\n{second.Output}");

        RunAssert.Recovered(run, runningBefore, await recovery.VmStatusesAsync());
        var startsByVm = (await recovery.EventsAsync())
            .Where(e => e.Code == EventCodes.UserRunVm.Code)
            .GroupBy(e => e.Description.Split(' ')[1])
            .ToDictionary(g => g.Key, g => g.Count());
        // The VMs the failover brought up (the recovery site's own VMs ran there all along).
        var upAtRecovery = (await recovery.VmStatusesAsync()).Where(v => v.Value == "up" && runningBefore.Contains(v.Key)).Select(v => v.Key).ToList();
        Assert.NotEmpty(upAtRecovery);
        Assert.All(upAtRecovery, vm => Assert.True(startsByVm.GetValueOrDefault(vm) == 1, $"{vm} was started {startsByVm.GetValueOrDefault(vm)} times"));
    }

    private static Dictionary<string, string?> Environment(ExternalLab lab, string data)
    {
        var environment = new Dictionary<string, string?>
        {
            ["RhvDr__DatabasePath"] = Path.Combine(data, "rhvdr.db"),
            ["RhvDr__DataProtection__KeysPath"] = Path.Combine(data, "keys"),
            ["RhvDr__PollInterval"] = "00:00:01",
            ["RhvDr__Bootstrap__ApiToken"] = ConsoleAppFactory.AdminToken,
            ["RhvDr__Bootstrap__AdminUser"] = ConsoleAppFactory.AdminUser,
            ["RhvDr__Bootstrap__AdminPassword"] = ConsoleAppFactory.AdminPassword,
            ["RhvDr__Recovery__PollInterval"] = "00:00:00.100",
            ["RhvDr__Recovery__MaxParallelStarts"] = "4",
        };
        foreach (var (key, value) in lab.ConsoleSettings("command"))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var (key, value) in LabArrayScript.Settings(lab.ControlUrl.AbsoluteUri, lab.CaFile, lab.ControlToken, "__"))
        {
            environment[key] = value;
        }
        return environment;
    }

    private static Task WaitForSitesAsync(HttpClient http) =>
        WaitFor.ValueAsync(
            async () => await http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            sites => sites.Length == 2 && sites.All(s => s.GetProperty("engine").GetProperty("reachable").GetBoolean()),
            "both https engines connected", TimeSpan.FromSeconds(60));

    private static async Task SaveMappingAsync(HttpClient http, ExternalLab lab) =>
        await ExternalConsole.SaveGeneratedMappingAsync(http, lab);
}
