using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

public sealed class PlanFailoverLowerBoundTests
{
    private static readonly HashSet<string> OneDomain = new(StringComparer.Ordinal) { "path2" };

    [Fact]
    public void PlanFailoverLowerBound_GroupsAreBarriers_SumsEachGroupsLongestPart()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 1, VmsPerSite = 40, DataDomains = 4 });
        IReadOnlyList<IReadOnlyList<PlanBoundVm>> groups =
        [
            // Group 1: b waits for a; each is a 15 s start and a 5 s verification: a 40 s chain.
            [new("a", [], 5), new("b", ["a"], 5)],
            // Group 2: 30 VMs with nothing to wait for, 10 at a time: three rounds of 15 s starts.
            [.. Enumerable.Range(0, 30).Select(i => new PlanBoundVm($"w{i}", [], 0))],
            // Group 3: one VM whose agent never reports, verified only when the 120 s wait runs out.
            [new("slow", [], 120)],
        ];

        var bound = lab.PlanFailoverLowerBound("primary", "recovery", OneDomain, groups, parallelism: 10, latencyMs: 0);

        Assert.Equal([40.0, 45.0, 135.0], bound.GroupSeconds);
        Assert.Equal("priority groups", bound.BindingConstraint);
        Assert.Equal(1, bound.Domains);

        // Sanlock 80 s, one import 20 s, one attach 15 s, one registration 3 s, then the three groups one after another.
        Assert.Equal(80 + 20 + 15 + 3 + 40 + 45 + 135, bound.Seconds, precision: 6);
    }

    [Fact]
    public void PlanFailoverLowerBound_MoreSlowVerificationsThanSlots_OneOfThemStartsInTheSecondRound()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 1, VmsPerSite = 40, DataDomains = 4 });
        // Eleven VMs whose agents never report (120 s) and nine quick ones, ten starts at a time: even with the slow ones
        // first, the eleventh of them starts in the second round, 15 s later, and is verified 120 s after it is up.
        IReadOnlyList<IReadOnlyList<PlanBoundVm>> groups =
        [
            [.. Enumerable.Range(0, 9).Select(i => new PlanBoundVm($"quick{i}", [], 5)), .. Enumerable.Range(0, 11).Select(i => new PlanBoundVm($"slow{i}", [], 120))],
        ];

        var bound = lab.PlanFailoverLowerBound("primary", "recovery", OneDomain, groups, parallelism: 10, latencyMs: 0);

        Assert.Equal([15 + 15 + 120.0], bound.GroupSeconds);
    }

    [Fact]
    public void PlanFailoverLowerBound_WithLatency_ChargesTheStartCallsAndTheReadThatSeesEachVmVerified()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 1, VmsPerSite = 40, DataDomains = 4 });
        IReadOnlyList<IReadOnlyList<PlanBoundVm>> groups = [[new("a", [], 5)]];

        var bound = lab.PlanFailoverLowerBound("primary", "recovery", OneDomain, groups, parallelism: 10, latencyMs: 1000);

        // Start call, launch and boot, the read that sees it up, the agent's 5 s, the read that sees it report.
        Assert.Equal([1 + 15 + 1 + 5 + 1.0], bound.GroupSeconds);
    }

    [Fact]
    public void PlanFailoverLowerBound_FirstGroupOnEveryDomain_WaitsForEveryAttachBeforeItsLastStart()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 1, VmsPerSite = 40, DataDomains = 4 });
        var domains = lab.ListPairs().Select(p => p.DomainName).ToHashSet(StringComparer.Ordinal);
        var vms = lab.Read("primary", primary => primary.Vms.Values.Where(v => v.Status == "up").Select(v => v.Name).ToList());
        IReadOnlyList<IReadOnlyList<PlanBoundVm>> groups = [[.. vms.Select(name => new PlanBoundVm(name, [], 0))]];

        var bound = lab.PlanFailoverLowerBound("primary", "recovery", domains, groups, parallelism: 1000, latencyMs: 0);

        // Its VMs are on all of the domains: the last attach (one at a time, 15 s each) comes before the last of them
        // registers (3 s) and starts (15 s), however the attaches are ordered.
        Assert.Equal(4, bound.Domains);
        Assert.Equal(80 + 20 + (4 * 15) + 3 + 15, bound.GroupChainSeconds, precision: 6);
    }
}
