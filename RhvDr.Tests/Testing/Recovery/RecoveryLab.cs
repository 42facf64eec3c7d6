using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Recovery;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Recovery;

/// <summary>
/// The lab at time scale 0 over HTTP plus a Core host (pollers, runner) on a temp database. <see cref="RestartHostAsync"/>
/// disposes the host and builds a new one on the same database and lab: a console restart.
/// </summary>
public sealed class RecoveryLab : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rhvdr-recovery-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _controlHttp = new();
    private CoreHost _core = null!;

    private RecoveryLab(LabServer lab)
    {
        Lab = lab;
        _controlHttp.BaseAddress = lab.ControlUrl;
        Control = new LabControlClient(_controlHttp, lab.ControlToken);
    }

    public LabServer Lab { get; }

    public ILabControl Control { get; }

    public IHost Host => _core.Host;

    public RecoveryRunner Runner => Host.Services.GetRequiredService<RecoveryRunner>();

    /// <param name="timeScale">Lab operations in real time × this; 0 (instant) unless a test needs operations to take time.</param>
    public static async Task<RecoveryLab> StartAsync(
        int vms = 40, Dictionary<string, string?>? settings = null, string scenario = LabOptions.ActivePassive, double timeScale = 0, int dataDomains = 4)
    {
        var lab = await LabServer.StartAsync(new LabOptions { TimeScale = timeScale, VmsPerSite = vms, HostsPerSite = 4, Scenario = scenario, DataDomains = dataDomains });
        var result = new RecoveryLab(lab);
        await result.StartHostAsync(settings);
        return result;
    }

    public async Task StartHostAsync(Dictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["RhvDr:PollInterval"] = "00:00:01",
            ["RhvDr:EngineTimeout"] = "00:00:10",
            ["RhvDr:Recovery:PollInterval"] = "00:00:00.050",

            // These tests drive the run engine; four-eyes approval has its own tests.
            ["RhvDr:Security:FourEyes:Failover"] = "Never",
            ["RhvDr:Security:FourEyes:Failback"] = "Never",
            ["RhvDr:Recovery:MaxParallelStarts"] = "8",
            ["Lab:TimeScale"] = "0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        _core = await CoreHost.StartAsync(Lab, config, CancellationToken.None, _directory);
    }

    public async Task RestartHostAsync(Dictionary<string, string?>? settings = null)
    {
        await StopHostAsync();
        await StartHostAsync(settings);
    }

    public Task<IEngineClient> ClientAsync(string site) => Host.Services.GetRequiredService<IEngineClientFactory>().GetClientAsync(site);

    /// <summary>Waits until the poller has read both sites (disaster runs take running VMs from that inventory).</summary>
    public Task WaitForInventoryAsync() =>
        WaitFor.ConditionAsync(() =>
        {
            var current = Host.Services.GetRequiredService<IInventoryStore>().Current;
            return current.Sites.Count == 2 && current.Sites.All(s => s.Inventory.Vms.Count > 0);
        }, "both sites' inventory");

    public async Task<RunDetails> WaitForRunAsync(string runId, Func<RunDetails, bool> condition) =>
        await Support.WaitFor.ValueAsync(async () => (await Runner.GetAsync(runId, CancellationToken.None))!, condition, $"run {runId}", TimeSpan.FromSeconds(90));

    public async Task<RunDetails> WaitForStatusAsync(string runId, params RunStatus[] statuses) =>
        await WaitFor.ValueAsync(async () => (await Runner.GetAsync(runId, CancellationToken.None))!, d => statuses.Contains(d.Run.Status),
            $"run {runId} to be {string.Join(" or ", statuses)}", TimeSpan.FromSeconds(90));

    public async Task<RunDetails> RunToEndAsync(RunKind kind, RunMode mode = RunMode.Planned, string? confirmSite = null)
    {
        var started = await Runner.StartAsync(new RunRequest(kind, mode, confirmSite, null, TestActors.Operator), CancellationToken.None);
        Assert.True(started.Created);
        var details = await WaitForStatusAsync(started.Run.Id, RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled);
        Assert.True(details.Run.Status == RunStatus.Succeeded, $"{kind} ended {details.Run.Status}: {details.Run.Error}\n{string.Join("\n", details.Log.TakeLast(30).Select(l => l.Message))}");
        return details;
    }

    private async Task StopHostAsync() => await _core.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Lab.DisposeAsync();
        _controlHttp.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
