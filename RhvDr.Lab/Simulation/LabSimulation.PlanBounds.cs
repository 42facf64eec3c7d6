namespace RhvDr.Lab.Simulation;

/// <summary>The critical-path lower bound of a recovery plan's failover, whose priority groups start one after another.</summary>
public sealed partial class LabSimulation
{
    /// <summary>
    /// A lower bound for a disaster failover of a plan that moves the storage domains <paramref name="domains"/> from
    /// <paramref name="sourceSite"/> to <paramref name="targetSite"/> and starts <paramref name="groups"/> in order, each
    /// group only once every VM of the one before is verified, with at most <paramref name="parallelism"/> registrations and
    /// starts in flight and each engine call costing <paramref name="latencyMs"/>. The engine rules are those of
    /// <see cref="FailoverLowerBound"/>. A group takes at least the longest of: its starts, <paramref name="parallelism"/>
    /// at a time (a start slot is held until the VM is seen up); one start plus its slowest verification; and its longest
    /// chain of dependencies, each link a start and a verification. The bound is the largest of three chains: the first
    /// domain ready, one registration, then every group in turn; the registration throughput then one start; and the SPM
    /// chain of attaches then one registration and start.
    /// </summary>
    public PlanFailoverLowerBound PlanFailoverLowerBound(
        string sourceSite, string targetSite, IReadOnlySet<string> domains, IReadOnlyList<IReadOnlyList<PlanBoundVm>> groups, int parallelism, double latencyMs)
    {
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var scale = Options.TimeScale;
        var call = latencyMs / 1000.0;
        var register = (RegisterSeconds * scale) + call;
        var start = ((LaunchSeconds + BootSeconds) * scale) + call + call;
        var attach = AttachSeconds * scale;

        int domainCount, registrations;
        using (LockEverything())
        {
            var source = GetEngine(sourceSite);
            var target = GetEngine(targetSite);
            var moved = Pairs.Where(p => p.SourceSite == source.Site && p.TargetSite == target.Site && domains.Contains(p.DomainName)).ToList();
            domainCount = moved.Count;
            registrations = moved.Sum(p => p.ReplicaVms.Count + p.ReplicaTemplates.Count);
        }

        var firstReady = (SanlockSeconds * scale) + call + (ImportSeconds * scale) + call + attach;
        var lastReady = firstReady + (Math.Max(0, domainCount - 1) * attach);
        var starts = groups.Sum(g => g.Count);

        var groupSeconds = groups.Select(group => GroupSeconds(group, start, scale, call, parallelism)).ToList();
        var groupChain = firstReady + register + groupSeconds.Sum();
        var registrationChain = firstReady + (Math.Ceiling(registrations / (double)parallelism) * register) + (starts > 0 ? start : 0);
        var spmChain = lastReady + register + (starts > 0 ? start : 0);

        var seconds = Math.Max(groupChain, Math.Max(registrationChain, spmChain));
        var binding = seconds == groupChain ? "priority groups" : seconds == spmChain ? "SPM chain" : "registrations";
        return new PlanFailoverLowerBound(seconds, binding, domainCount, starts, parallelism, firstReady, groupChain, registrationChain, spmChain, groupSeconds);
    }

    private static double GroupSeconds(IReadOnlyList<PlanBoundVm> group, double start, double scale, double call, int parallelism)
    {
        if (group.Count == 0)
        {
            return 0;
        }

        // A VM is verified one read after its guest agent has reported.
        double Done(PlanBoundVm vm) => start + (vm.VerifySeconds * scale) + call;
        var throughput = Math.Ceiling(group.Count / (double)parallelism) * start;
        var slowest = group.Max(Done);

        // The longest chain of "after" links inside the group, each VM counted with its start and verification.
        var byName = group.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var chain = new Dictionary<string, double>(StringComparer.Ordinal);
        double ChainTo(PlanBoundVm vm, int depth)
        {
            if (chain.TryGetValue(vm.Name, out var known))
            {
                return known;
            }

            // A cycle is refused by plan validation; a depth past the group's size can only be one, so it ends the walk.
            var before = depth > group.Count ? 0 : vm.After.Where(byName.ContainsKey).Select(name => ChainTo(byName[name], depth + 1)).DefaultIfEmpty(0).Max();
            return chain[vm.Name] = before + Done(vm);
        }

        var longest = group.Max(vm => ChainTo(vm, 0));
        return Math.Max(throughput, Math.Max(slowest, longest));
    }
}
