using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// Everything a run test against external engines starts from: the lab over HTTPS, a console configured for it with a
/// saved mapping, the storage admin's view of the array, a probe of each engine, and the VMs that ran at the primary.
/// </summary>
public sealed class RunScene : IAsyncDisposable
{
    private RunScene(ExternalLab lab, ExternalConsole console, IReadOnlyList<string> domains, IReadOnlySet<string> runningBefore)
    {
        Lab = lab;
        Console = console;
        Admin = new StorageAdmin(lab.ControlHttp);
        Primary = new EngineProbe(lab.Primary, lab.CaFile);
        Recovery = new EngineProbe(lab.Recovery, lab.CaFile);
        Domains = domains;
        RunningBefore = runningBefore;
    }

    public ExternalLab Lab { get; }

    public ExternalConsole Console { get; }

    public StorageAdmin Admin { get; }

    public EngineProbe Primary { get; }

    public EngineProbe Recovery { get; }

    /// <summary>The replicated storage domains, as the array names them.</summary>
    public IReadOnlyList<string> Domains { get; }

    /// <summary>The VMs up at the primary engine before anything ran.</summary>
    public IReadOnlySet<string> RunningBefore { get; }

    /// <param name="settings">Console settings on top of the lab's, given the lab (e.g. the array's URL for a command).</param>
    public static async Task<RunScene> StartAsync(string replication, Func<ExternalLab, IDictionary<string, string?>>? settings = null)
    {
        var lab = await ExternalLab.StartAsync();
        try
        {
            var console = await ExternalConsole.StartAsync(lab, replication, settings?.Invoke(lab));
            var domains = (await new StorageAdmin(lab.ControlHttp).PairsAsync()).Keys.ToList();
            using var primary = new EngineProbe(lab.Primary, lab.CaFile);
            var running = (await primary.VmStatusesAsync()).Where(v => v.Value == "up").Select(v => v.Key).ToHashSet();
            Assert.NotEmpty(running);
            return new RunScene(lab, console, domains, running);
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Primary.Dispose();
        Recovery.Dispose();
        await Console.DisposeAsync();
        await Lab.DisposeAsync();
    }
}
