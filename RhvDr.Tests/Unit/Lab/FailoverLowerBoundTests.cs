using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

public sealed class FailoverLowerBoundTests
{
    [Fact]
    public void Generate_TwentyDataDomains_ReplicatesEveryDomainAndSpreadsTheVms()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 0, VmsPerSite = 400, DataDomains = 20 });

        Assert.Equal(20, lab.ListPairs().Count);
        Assert.Equal(20, lab.Read("primary", primary => primary.Vms.Values.SelectMany(v => v.StorageDomainIds).Distinct().Count()));
    }

    [Fact]
    public void FailoverLowerBound_ManyVmsFewSlots_IsBoundByStarts()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 1, VmsPerSite = 200, DataDomains = 4 });

        var bound = lab.FailoverLowerBound("primary", "recovery", parallelism: 1, latencyMs: 0);

        Assert.Equal("VM starts", bound.BindingConstraint);
        Assert.True(bound.Starts > 0);

        // Sanlock 80 s, one import 20 s, one attach 15 s, one registration 3 s, then every start 15 s one at a time.
        Assert.Equal(80 + 20 + 15 + 3 + (bound.Starts * 15.0), bound.Seconds, precision: 6);
    }

    [Fact]
    public void FailoverLowerBound_WithLatency_ChargesEachStartSlotTheStartCallAndTheReadThatSeesTheVmUp()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 1, VmsPerSite = 200, DataDomains = 4 });

        var bound = lab.FailoverLowerBound("primary", "recovery", parallelism: 1, latencyMs: 1000);

        // As above, plus one second per call: import, attach, register, and two per start (start, then see it up).
        Assert.Equal(80 + 21 + 16 + 4 + (bound.Starts * 17.0), bound.Seconds, precision: 6);
    }

    [Fact]
    public void FailoverLowerBound_ManyDomainsAmpleSlots_IsBoundByTheSpmChain()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 1, VmsPerSite = 40, DataDomains = 20 });

        var bound = lab.FailoverLowerBound("primary", "recovery", parallelism: 100, latencyMs: 20);

        Assert.Equal("SPM chain", bound.BindingConstraint);
        Assert.Equal(20, bound.Domains);

        // Every attach waits for the one before it; then the shortest domain's work: one registration and one start, one call each.
        Assert.True(bound.Seconds >= 80 + 20 + (20 * 15));
    }

    [Fact]
    public void Validate_TooFewDataDomains_ReportsTheKey()
    {
        var errors = new LabOptions { DataDomains = 2 }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Lab:DataDomains", StringComparison.Ordinal));
    }
}
