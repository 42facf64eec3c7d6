namespace RhvDr.Lab.Simulation;

/// <summary>The critical-path lower bound of a failover, from the estate and the rules this lab engine enforces.</summary>
public sealed partial class LabSimulation
{
    private const double SanlockSeconds = 80;

    /// <summary>
    /// A lower bound for a disaster failover from <paramref name="sourceSite"/> to <paramref name="targetSite"/> with at most
    /// <paramref name="parallelism"/> registrations and <paramref name="parallelism"/> VM starts in flight, each engine call
    /// costing <paramref name="latencyMs"/>. Rules: the sanlock wait; imports run side by side (the engine adds a domain
    /// through a host, not the SPM); attaches queue one at a time behind the data center's SPM; a template or VM registers
    /// (one call, <see cref="RegisterSeconds"/>) only once its domain is active; a VM starts (one call, then
    /// <see cref="LaunchSeconds"/> + <see cref="BootSeconds"/> until up, then one call to see it up) only once registered. The bound is the largest of
    /// three chains that no schedule can shorten: the SPM chain then the shortest remaining VM work, the registration
    /// throughput then one start, and one registration then the start throughput.
    /// </summary>
    public FailoverLowerBound FailoverLowerBound(string sourceSite, string targetSite, int parallelism, double latencyMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var scale = Options.TimeScale;
        var call = latencyMs / 1000.0;
        var register = (RegisterSeconds * scale) + call;
        // A start slot is held from the start call until the client has read the VM as up: no client can free it sooner.
        var start = ((LaunchSeconds + BootSeconds) * scale) + call + call;
        var attach = AttachSeconds * scale;

        var perDomain = new List<(int Registrations, int Starts, int Templates)>();
        using (LockEverything())
        {
            var source = GetEngine(sourceSite);
            foreach (var pair in Pairs.Where(p => p.SourceSite == source.Site && p.TargetSite == GetEngine(targetSite).Site))
            {
                var starts = pair.ReplicaVms.Keys.Count(id => source.Vms.TryGetValue(id, out var vm) && vm.Status == "up");
                perDomain.Add((pair.ReplicaVms.Count, starts, pair.ReplicaTemplates.Count));
            }
        }

        var domains = perDomain.Count;
        var registrations = perDomain.Sum(d => d.Registrations);
        var startCount = perDomain.Sum(d => d.Starts);
        var templates = perDomain.Sum(d => d.Templates);
        var sanlock = SanlockSeconds * scale;

        // The first domain is active after the wait, one import and one attach; the last after every attach, one at a time.
        var firstReady = sanlock + call + (ImportSeconds * scale) + call + attach;
        var lastReady = firstReady + ((domains - 1) * attach);
        var tail = perDomain.Count == 0 ? 0 : perDomain.Min(d => d.Starts > 0 ? register + start : d.Registrations + d.Templates > 0 ? register : 0);
        var spmChain = lastReady + tail;

        // Every VM to start registers first: P at a time, then the last of them still has to start.
        var rounds = (int)Math.Ceiling(startCount / (double)parallelism);
        var registrationChain = firstReady + (rounds * register) + (startCount > 0 ? start : 0);

        // Starts, P at a time, cannot begin before the first registration.
        var startChain = firstReady + (startCount > 0 ? register + (rounds * start) : 0);

        var seconds = Math.Max(spmChain, Math.Max(registrationChain, startChain));
        var binding = seconds == startChain ? "VM starts" : seconds == spmChain ? "SPM chain" : "registrations";
        return new FailoverLowerBound(seconds, binding, domains, templates, registrations, startCount, parallelism, sanlock, lastReady, registrationChain, startChain);
    }
}
