using RhvDr.Tests.Support;
using RhvDr.Console.Model;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Components;

public class RunWizardViewModelTests
{
    private static RunWizardViewModel NewWizard() => new([SiteSnapshotBuilder.Primary, SiteSnapshotBuilder.Recovery]);

    [Fact]
    public void ApplyQuery_FailoverDisasterPrimary_PrefillsKindAndModeWithoutNote()
    {
        var wizard = NewWizard();

        wizard.ApplyQuery("failover", "disaster", "primary");

        Assert.Equal(RunKind.Failover, wizard.Kind);
        Assert.Equal(RunMode.Disaster, wizard.Mode);
        Assert.Null(wizard.QueryNote);
        Assert.Equal("Prod (Brno) → DR (Ostrava)", wizard.Direction);
    }

    [Fact]
    public void ApplyQuery_DisasterTestFromWrongSource_StaysPlannedAndSaysWhy()
    {
        var wizard = NewWizard();

        wizard.ApplyQuery("test", "disaster", "recovery");

        Assert.Equal(RunKind.Test, wizard.Kind);
        Assert.Equal(RunMode.Planned, wizard.Mode);
        Assert.Contains("mode 'disaster'", wizard.QueryNote, StringComparison.Ordinal);
        Assert.Contains("'recovery' as the source", wizard.QueryNote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", "1")]
    [InlineData("cleanup,failover", "planned,disaster")]
    public void ApplyQuery_KindOrModeNotAName_KeepsDefaultsAndSaysWhy(string kind, string mode)
    {
        var wizard = NewWizard();
        var defaults = (wizard.Kind, wizard.Mode);

        wizard.ApplyQuery(kind, mode, null);

        Assert.Equal(defaults, (wizard.Kind, wizard.Mode));
        Assert.Contains($"unknown operation '{kind}'", wizard.QueryNote, StringComparison.Ordinal);
        Assert.Contains($"mode '{mode}'", wizard.QueryNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Kind_FailbackSelected_DirectionRunsFromRecoveryToPrimary()
    {
        var wizard = NewWizard();

        wizard.Kind = RunKind.Failback;

        Assert.Equal("DR (Ostrava) → Prod (Brno)", wizard.Direction);
    }

    [Fact]
    public void Kind_CleanupAfterDisaster_ForcesPlanned()
    {
        var wizard = NewWizard();
        wizard.Mode = RunMode.Disaster;

        wizard.Kind = RunKind.Cleanup;

        Assert.Equal(RunMode.Planned, wizard.Mode);
        Assert.False(wizard.DisasterAllowed);
    }

    [Fact]
    public void Next_PreflightBlocked_RefusesUntilOverrideReasonIsLongEnough()
    {
        var wizard = NewWizard();
        Assert.True(wizard.Next());
        wizard.SetPreview(RunPreviews.Blocked());

        Assert.True(wizard.Blocked);
        Assert.Contains(wizard.Blockers, b => b.Contains("dr_cluster_mappings[0].secondary_name", StringComparison.Ordinal));
        Assert.Contains(wizard.Blockers, b => b.Contains("Readiness 'replication'", StringComparison.Ordinal));
        Assert.False(wizard.Next());
        Assert.Equal(RunWizardStep.Preflight, wizard.Step);

        wizard.OverrideReason = "too short";
        Assert.False(wizard.Next());

        wizard.OverrideReason = "Storage team confirmed replicas are current";
        Assert.True(wizard.Next());
        Assert.Equal(RunWizardStep.Plan, wizard.Step);
    }

    [Fact]
    public void Next_PreflightClean_WarningsDoNotBlock()
    {
        var wizard = NewWizard();
        wizard.Next();
        wizard.SetPreview(RunPreviews.Clean());

        Assert.False(wizard.Blocked);
        Assert.Single(wizard.Preview!.Gate.Warnings);
        Assert.True(wizard.Next());
        Assert.True(wizard.Next());
        Assert.Equal(RunWizardStep.Confirm, wizard.Step);
        Assert.False(wizard.CanStart);
        wizard.ConfirmText = "primary";
        Assert.True(wizard.CanStart);
    }

    [Theory]
    [InlineData(RunKind.Failover, RunMode.Planned, true)]
    [InlineData(RunKind.Failback, RunMode.Planned, true)]
    [InlineData(RunKind.Failover, RunMode.Disaster, true)]
    [InlineData(RunKind.Test, RunMode.Planned, false)]
    [InlineData(RunKind.Cleanup, RunMode.Planned, false)]
    public void RequiresTypedConfirmation_RunsThatStopProduction_NeedTheSiteName(RunKind kind, RunMode mode, bool required)
    {
        var wizard = NewWizard();
        wizard.Kind = kind;
        wizard.Mode = mode;

        Assert.Equal(required, wizard.RequiresTypedConfirmation);
    }

    [Fact]
    public void CanStart_DisasterRun_RequiresTheSourceSiteNameTypedExactly()
    {
        var wizard = NewWizard();
        wizard.Mode = RunMode.Disaster;
        wizard.Next();
        wizard.SetPreview(RunPreviews.Clean(mode: RunMode.Disaster));
        wizard.Next();
        wizard.Next();

        Assert.False(wizard.CanStart);
        wizard.ConfirmText = "Primary";
        Assert.False(wizard.CanStart);
        wizard.ConfirmText = "primary";
        Assert.True(wizard.CanStart);

        var request = wizard.ToRequest(TestActors.Named("tester"));
        Assert.Equal(new RunRequest(RunKind.Failover, RunMode.Disaster, "primary", null, TestActors.Named("tester")), request);
    }

    [Fact]
    public void ToRequest_Overridden_CarriesTheReason()
    {
        var wizard = NewWizard();
        wizard.Next();
        wizard.SetPreview(RunPreviews.Blocked());
        wizard.OverrideReason = "  Storage team confirmed replicas are current ";
        wizard.Next();
        wizard.Next();
        wizard.ConfirmText = " primary ";

        var request = wizard.ToRequest(TestActors.Named("tester"));

        Assert.Equal("Storage team confirmed replicas are current", request?.OverrideReason);
        Assert.Equal("primary", request?.ConfirmSite);
    }

    [Fact]
    public void ToRequest_BeforeConfirmStep_IsNull()
    {
        var wizard = NewWizard();
        wizard.Next();
        wizard.SetPreview(RunPreviews.Clean());

        Assert.Null(wizard.ToRequest(TestActors.Named("tester")));
    }

    [Fact]
    public void GoTo_BeyondWhatPreflightAllows_IsRefused()
    {
        var wizard = NewWizard();

        Assert.False(wizard.GoTo(RunWizardStep.Confirm));
        wizard.Next();
        wizard.SetPreview(RunPreviews.Blocked());
        Assert.False(wizard.GoTo(RunWizardStep.Plan));
        Assert.True(wizard.GoTo(RunWizardStep.Operation));
    }

    [Fact]
    public void SetPreview_ForAnotherOperation_IsIgnoredAndReloadIsNeeded()
    {
        var wizard = NewWizard();
        wizard.Next();

        wizard.SetPreview(RunPreviews.Clean(RunKind.Test));

        Assert.Null(wizard.Preview);
        Assert.True(wizard.NeedsPreview);
    }

    [Fact]
    public void StartFoundActive_AnotherRunActive_KeepsThatRunForTheLink()
    {
        var wizard = NewWizard();
        var active = new RecoveryRun
        {
            Id = "20260101-000000-abcdef", Kind = RunKind.Test, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
            Status = RunStatus.Running, RequestedBy = "someone", CreatedAt = SiteSnapshotBuilder.Now,
        };

        wizard.StartFoundActive(active);

        Assert.Same(active, wizard.AlreadyRunning);
        Assert.Contains("already active", wizard.StartError, StringComparison.Ordinal);
    }
}
