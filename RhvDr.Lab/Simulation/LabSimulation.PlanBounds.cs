namespace RhvDr.Lab.Simulation;

/// <summary>The critical-path lower bound of a recovery plan's failover, whose priority groups start one after another.</summary>
public sealed partial class LabSimulation
{
    /// <summary>
    /// A lower bound for a disaster failover of a plan that moves the storage domains <paramref name="domains"/> from
    /// <paramref name="sourceSite"/> to <paramref name="targetSite"/> and starts <paramref name="groups"/> in order, each
    /// group only once every VM of the one before is verified, with at most <paramref name="parallelism"/> registrations and
    /// starts in flight and each engine call costing <paramref name="latencyMs"/>. The engine rules are those of
    /// <see cref="FailoverLowerBound"/>. Inside a group, the time from its first start to its last VM verified is at least
    /// the longest of: its starts, <paramref name="parallelism"/> at a time (a start slot is held until the VM is seen up);
    /// one start plus its slowest verification; and its longest chain of dependencies, each link a start and a
    /// verification. A group ends no sooner than that after the group before it ends, nor before its own VMs can be there
    /// at all: every domain holding one of them active (attaches queue one at a time, so the group's k domains take at
    /// least k attaches even when they go first), and its VMs registered, <paramref name="parallelism"/> at a time, each
    /// then still to start and be verified. The bound is the largest of the group chain, the registration throughput then
    /// one start, and the SPM chain of attaches then one registration and start.
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
        Dictionary<string, string[]> domainsOf;
        using (LockEverything())
        {
            var source = GetEngine(sourceSite);
            var target = GetEngine(targetSite);
            var moved = Pairs.Where(p => p.SourceSite == source.Site && p.TargetSite == target.Site && domains.Contains(p.DomainName)).ToList();
            domainCount = moved.Count;
            registrations = moved.Sum(p => p.ReplicaVms.Count + p.ReplicaTemplates.Count);
            var movedIds = moved.Select(p => p.DomainId).ToHashSet(StringComparer.Ordinal);
            domainsOf = source.Vms.Values.GroupBy(v => v.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().StorageDomainIds.Where(movedIds.Contains).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        }

        var firstReady = (SanlockSeconds * scale) + call + (ImportSeconds * scale) + call + attach;
        var lastReady = firstReady + (Math.Max(0, domainCount - 1) * attach);
        var starts = groups.Sum(g => g.Count);

        var groupSeconds = groups.Select(group => GroupSeconds(group, start, scale, call, parallelism)).ToList();
        // By the end of group g, the VMs of groups 1 to g are all there: their domains active (k attaches even if those go
        // first) and each registered, P at a time; the last of them then still starts and is verified.
        var groupChain = firstReady + register;
        var spanned = new HashSet<string>(StringComparer.Ordinal);
        var members = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            if (group.Count == 0)
            {
                continue;
            }

            members += group.Count;
            spanned.UnionWith(group.SelectMany(vm => domainsOf.GetValueOrDefault(vm.Name) ?? []));
            var quickest = group.Min(vm => (vm.VerifySeconds * scale) + call) + start;
            var domainsReady = firstReady + (Math.Max(0, spanned.Count - 1) * attach) + register + quickest;
            var registered = firstReady + (Math.Ceiling(members / (double)parallelism) * register) + quickest;
            groupChain = Math.Max(groupChain + groupSeconds[g], Math.Max(domainsReady, registered));
        }
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

        // Starts hold a slot for `start` each, P at a time; a verification then runs without one. However the group's VMs
        // are ordered, the one in place i (from 0) is seen up no sooner than (floor(i / P) + 1) starts in. With equal slot
        // times the best order puts the longest verifications first (any other order swaps a longer one later), so the
        // group takes at least the latest start round plus verification over that order. This covers both the start
        // throughput (ceil(n / P) starts) and the slowest single VM (one start and its verification).
        var rounds = group.Select(vm => (vm.VerifySeconds * scale) + call).OrderDescending()
            .Select((verify, i) => (((i / parallelism) + 1) * start) + verify).Max();

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
        return Math.Max(rounds, longest);
    }
}
