using RhvDr.Core.Recovery;
using RhvDr.Core.Security;

namespace RhvDr.Tests.Recovery;

/// <summary>
/// What may run at once between two sites, and what a cleanup or failback without a plan takes when plans ran on their own:
/// plans with disjoint domains run side by side; the same plan, the whole estate and shared domains wait their turn.
/// </summary>
public sealed class RunConcurrencyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly Actor Ann = new("noc-ann", Role.Operator, "local");

    /// <summary>apps: path2 and scsi_domain2; db: scsi_domain; wide: scsi_domain and path2 (shares one with each); every: the group "all".</summary>
    private static readonly PlanDomains Domains = new(new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal)
    {
        ["apps"] = new HashSet<string>(["path2", "scsi_domain2"], StringComparer.Ordinal),
        ["db"] = new HashSet<string>(["scsi_domain"], StringComparer.Ordinal),
        ["wide"] = new HashSet<string>(["scsi_domain", "path2"], StringComparer.Ordinal),
        ["every"] = null,
    });

    private static RecoveryRun Run(string id, RunKind kind, string? plan, RunStatus status = RunStatus.Running, int minutesAgo = 1)
    {
        var (source, target) = kind == RunKind.Failback ? ("recovery", "primary") : ("primary", "recovery");
        return new RecoveryRun
        {
            Id = id,
            Kind = kind,
            Mode = RunMode.Planned,
            SourceSite = source,
            TargetSite = target,
            Plan = plan,
            Status = status,
            RequestedBy = "noc-ann",
            CreatedAt = Now.AddMinutes(-minutesAgo),
        };
    }

    private static RunRequest Request(RunKind kind, string? plan = null) => new(kind, RunMode.Planned, null, null, Ann, Plan: plan);

    private static string? Cleanup(string? plan, params RecoveryRun[] newestFirst) =>
        RunAdmission.CheckCleanup(Request(RunKind.Cleanup, plan), plan, "primary", "recovery", newestFirst, Domains);

    private static string? Failback(params RecoveryRun[] newestFirst) =>
        RunAdmission.FailbackPlan(Request(RunKind.Failback), null, "recovery", "primary", newestFirst);

    [Fact]
    public void FindOverlap_PlanWithDisjointDomains_AdmittedBesideTheActivePlan()
    {
        var overlap = RunConcurrency.FindOverlap("db", [Run("r-apps", RunKind.Test, "apps")], Domains);

        Assert.Null(overlap);
    }

    [Theory]
    [InlineData("apps")]
    [InlineData("APPS")]
    public void FindOverlap_SamePlanAgain_GetsTheActiveRun(string plan)
    {
        var active = Run("r-apps", RunKind.Test, "apps");

        var overlap = RunConcurrency.FindOverlap(plan, [Run("r-db", RunKind.Test, "db"), active], Domains);

        Assert.Equal((active, RunOverlapKind.SamePlan), (overlap?.Active, overlap?.Kind));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("all")]
    public void FindOverlap_WholeEstateBesideAPlanRun_GetsTheActiveRunAsBefore(string? plan)
    {
        var active = Run("r-apps", RunKind.Test, "apps");

        var overlap = RunConcurrency.FindOverlap(plan, [active], Domains);

        Assert.Equal((active, RunOverlapKind.WholeEstate), (overlap?.Active, overlap?.Kind));
    }

    [Fact]
    public void FindOverlap_PlanBesideAWholeEstateRun_GetsTheWholeEstateRun()
    {
        var estate = Run("r-all", RunKind.Failover, null);

        var overlap = RunConcurrency.FindOverlap("db", [estate], Domains);

        Assert.Equal((estate, RunOverlapKind.WholeEstate), (overlap?.Active, overlap?.Kind));
    }

    [Fact]
    public void FindOverlap_PlanSharingADomain_RefusedNamingTheRunAndTheDomain()
    {
        var active = Run("20261205-080000-a1b2c3", RunKind.Test, "apps");

        var overlap = RunConcurrency.FindOverlap("wide", [active], Domains);

        Assert.Equal((active, RunOverlapKind.SharedDomains), (overlap?.Active, overlap?.Kind));
        Assert.Equal(["path2"], overlap!.Domains);
        Assert.Equal(
            "Plan 'wide' cannot start while run 20261205-080000-a1b2c3 (test of plan 'apps', running) is active between primary and recovery: plans 'apps' and 'wide' both recover storage domain path2. "
            + "Two plans run at once only when their storage domains are disjoint: start it again when run 20261205-080000-a1b2c3 has ended.",
            RunConcurrency.StartRefusal("wide", overlap));
    }

    [Theory]
    [InlineData("every")]
    [InlineData("gone-from-the-plans")]
    public void FindOverlap_PlanOfEveryDomainOrUnknown_OverlapsAnyPlan(string plan)
    {
        var overlap = RunConcurrency.FindOverlap(plan, [Run("r-db", RunKind.Test, "db")], Domains);

        Assert.Equal(RunOverlapKind.SharedDomains, overlap?.Kind);
        Assert.Empty(overlap!.Domains);
        Assert.Contains("recovers every mapped storage domain", RunConcurrency.StartRefusal(plan, overlap), StringComparison.Ordinal);
    }

    [Fact]
    public void ContinueRefusal_ResumingBesideAPlanSharingADomain_NamesBothAndTheDomain()
    {
        var resumed = Run("r-wide", RunKind.Failover, "wide", RunStatus.Interrupted);
        var overlap = RunConcurrency.FindOverlap("wide", [Run("r-db", RunKind.Test, "db")], Domains)!;

        var refusal = RunConcurrency.ContinueRefusal(resumed, overlap, "resuming");

        Assert.Equal("Run r-db (test of plan 'db') is active between the same sites: plans 'db' and 'wide' both recover storage domain scsi_domain; finish or cancel it before resuming r-wide.", refusal);
    }

    [Fact]
    public void CheckCleanup_TestsOfTwoPlansLeft_WithoutPlan_RefusedListingBoth()
    {
        var error = Assert.Throws<RunRequestException>(() => Cleanup(null,
            Run("r-db", RunKind.Test, "db", RunStatus.Succeeded, 1),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 2)));

        Assert.Equal("Test failovers of 2 plans between primary and recovery are not cleaned up: 'db' (run r-db), 'apps' (run r-apps). A cleanup removes one plan's copies: name it, e.g. \"plan\": \"db\".", error.Message);
    }

    [Fact]
    public void CheckCleanup_TestsOfTwoPlansLeft_NamingOne_TakesItsTest()
    {
        var plan = Cleanup("apps",
            Run("r-db", RunKind.Test, "db", RunStatus.Succeeded, 1),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 2));

        Assert.Equal("apps", plan);
    }

    [Fact]
    public void CheckCleanup_OnePlanCleanedUp_WithoutPlan_TakesTheOtherPlansTest()
    {
        var plan = Cleanup(null,
            Run("c-apps", RunKind.Cleanup, "apps", RunStatus.Succeeded, 1),
            Run("r-db", RunKind.Test, "db", RunStatus.Succeeded, 2),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 3));

        Assert.Equal("db", plan);
    }

    [Fact]
    public void CheckCleanup_PlanAlreadyCleanedUpWhileAnotherTestIsLeft_RefusedSayingByWhichRun()
    {
        var error = Assert.Throws<RunRequestException>(() => Cleanup("apps",
            Run("c-apps", RunKind.Cleanup, "apps", RunStatus.Succeeded, 1),
            Run("r-db", RunKind.Test, "db", RunStatus.Succeeded, 2),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 3)));

        Assert.Equal("The last test failover of plan 'apps' between primary and recovery was already cleaned up by run c-apps; start a test before another cleanup.", error.Message);
    }

    [Fact]
    public void CheckCleanup_FailoverOfADisjointPlanAfterTheTest_StillCleansTheTest()
    {
        var plan = Cleanup("apps",
            Run("f-db", RunKind.Failover, "db", RunStatus.Succeeded, 1),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 2));

        Assert.Equal("apps", plan);
    }

    [Fact]
    public void CheckCleanup_FailoverOfAPlanSharingADomainAfterTheTest_RefusedAsProductionDomains()
    {
        var error = Assert.Throws<RunRequestException>(() => Cleanup("apps",
            Run("f-wide", RunKind.Failover, "wide", RunStatus.Succeeded, 1),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 2)));

        Assert.Equal("The last run on the domains of plan 'apps' between primary and recovery was a failover (f-wide), not a test: a cleanup would remove production domains at recovery.", error.Message);
    }

    [Fact]
    public void CheckCleanup_WholeEstateTestLeft_NamingAPlan_RefusedAsBefore()
    {
        var error = Assert.Throws<RunRequestException>(() => Cleanup("apps", Run("r-all", RunKind.Test, null, RunStatus.Succeeded)));

        Assert.Equal("The test failover r-all recovered the whole estate; its cleanup removes all of it. Leave plan out.", error.Message);
    }

    [Fact]
    public void FailbackPlan_TwoPlansFailedOver_RefusedListingThem()
    {
        var error = Assert.Throws<RunRequestException>(() => Failback(
            Run("f-db", RunKind.Failover, "db", RunStatus.Succeeded, 1),
            Run("f-apps", RunKind.Failover, "apps", RunStatus.Succeeded, 2)));

        Assert.Equal("Plans 'apps' (failover f-apps), 'db' (failover f-db) were failed over to recovery on their own; a failback returns one plan: name it, e.g. \"plan\": \"db\".", error.Message);
    }

    [Fact]
    public void FailbackPlan_OnePlanAlreadyFailedBack_TakesTheOtherStillAway()
    {
        var plan = Failback(
            Run("b-db", RunKind.Failback, "db", RunStatus.Succeeded, 1),
            Run("f-db", RunKind.Failover, "db", RunStatus.Succeeded, 2),
            Run("f-apps", RunKind.Failover, "apps", RunStatus.Succeeded, 3));

        Assert.Equal("apps", plan);
    }

    [Fact]
    public void FailbackPlan_WholeEstateFailedOver_ReturnsTheWholeEstate()
    {
        var plan = Failback(
            Run("f-all", RunKind.Failover, null, RunStatus.Succeeded, 1),
            Run("b-apps", RunKind.Failback, "apps", RunStatus.Succeeded, 2),
            Run("f-apps", RunKind.Failover, "apps", RunStatus.Succeeded, 3));

        Assert.Null(plan);
    }
}
