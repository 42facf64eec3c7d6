using Bunit;
using MudBlazor;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Plans;
using RhvDr.Core.Security;

namespace RhvDr.Tests.Components;

public sealed class PlanEditorTests : ConsoleTestContext
{
    private readonly InMemoryPlanStore _plans = new();
    private readonly InMemoryMappingStore _mappings = new();

    public PlanEditorTests() => PlanPageFixture.Add(Services, Store, _mappings, _plans, Audit);

    [Fact]
    public async Task PlansPage_Load_ListsThePlanWithStatusGroupsVmsAndDrill()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        RenderProviders();

        var cut = Render<PlansPage>();

        var row = cut.WaitForElement(".plans-row");
        Assert.Equal("core", row.QuerySelector(".plans-name")!.TextContent);
        Assert.Equal("active", row.QuerySelector(".plans-status")!.TextContent.Trim());
        Assert.Contains("v1", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", row.QuerySelectorAll("td")[4].TextContent.Trim());
        Assert.Equal("none", row.QuerySelectorAll("td")[5].TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid='plan-lane-1'] [data-testid='plan-vm']").Count);
    }

    [Fact]
    public async Task PlansPage_MoveVmToGroup2AndSave_LaneShowsItAndANewVersionIsActive()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        RenderProviders();
        var cut = Render<PlansPage>();
        cut.WaitForElement("[data-testid='plan-lane-1'] [data-vm='app1']").Click();

        await SelectAsync<int>(cut, "plan-vm-priority", 2);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='plan-lane-2'] [data-vm='app1']")));
        Assert.Empty(cut.FindAll("[data-testid='plan-lane-1'] [data-vm='app1']"));
        Assert.NotNull(cut.Find("[data-testid='plans-unsaved']"));

        await cut.Find("[data-testid='plans-save']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.StartsWith("Version 2,", cut.Find("[data-testid='plans-version']").TextContent, StringComparison.Ordinal));
        var saved = (await _plans.GetCurrentAsync())!;
        Assert.False(saved.Info.IsDraft);
        Assert.Equal("admin", saved.Info.SavedBy);
        Assert.Equal(2, saved.Document.FindPlan("core")!.FindVm("app1")!.Priority);
        Assert.Empty(cut.FindAll("[data-testid='plans-unsaved']"));
        Assert.Equal("active", cut.Find(".plans-status").TextContent.Trim());
    }

    [Fact]
    public async Task PlansPage_AddDependency_ShowsItOnTheVmAndInItsLane()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        RenderProviders();
        var cut = Render<PlansPage>();
        cut.WaitForElement("[data-testid='plan-lane-4'] [data-vm='web1']").Click();
        await SelectAsync<int>(cut, "plan-vm-priority", 1);

        var add = cut.FindComponents<MudAutocomplete<string>>().Single(a => TestId(a.Instance.UserAttributes) == "plan-vm-add-after");
        await cut.InvokeAsync(() => add.Instance.ValueChanged.InvokeAsync("db1"));
        await cut.Find("[data-testid='plan-vm-add-after-button']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("db1", cut.Find("[data-testid='plan-vm-after']").TextContent, StringComparison.Ordinal));
        Assert.Contains("after db1", cut.Find("[data-testid='plan-lane-1'] [data-vm='web1'] .plan-vm-after").TextContent, StringComparison.Ordinal);
        Assert.Equal(["db1"], cut.Instance.ViewModel.Plan("core")!.FindVm("web1")!.After);
        Assert.Equal("0 errors", cut.Find("[data-testid='plans-errors']").TextContent.Trim());
    }

    [Fact]
    public async Task PlansPage_DependencyCycle_SaysItInWordsAndSaveIsDisabled()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        RenderProviders();
        var cut = Render<PlansPage>();
        cut.WaitForElement("[data-testid='plan-lane-1'] [data-vm='db1']");

        // db1 after app1, while app1 already starts after db1.
        await cut.InvokeAsync(() => cut.Instance.ViewModel.AddDependency("core", "db1", "app1"));
        cut.Render();

        var finding = cut.WaitForElement("[data-testid='plan-findings'] [data-code='dependency.cycle']");
        Assert.Contains("go round in a circle: db1 → app1 → db1", finding.TextContent, StringComparison.Ordinal);
        Assert.Contains("Remove one dependency of the circle.", finding.TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid='plans-save']").HasAttribute("disabled"));
        Assert.Contains("Fix the 1 error to save.", cut.Find("[data-testid='plans-save-blocked']").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid='plan-lane-1'] [data-vm='db1'] .plan-vm-finding"));
        Assert.Single(await _plans.GetVersionsAsync());
    }

    [Fact]
    public async Task PlansPage_Viewer_ReadsButCannotEdit()
    {
        SignInAs("vera", Role.Viewer);
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        RenderProviders();

        var cut = Render<PlansPage>();
        cut.WaitForElement("[data-testid='plan-lane-1'] [data-vm='db1']").Click();

        Assert.NotNull(cut.Find("[data-testid='plans-read-only']"));
        Assert.Empty(cut.FindAll("[data-testid='plans-save']"));
        Assert.Empty(cut.FindAll("[data-testid='plans-import']"));
        Assert.Empty(cut.FindAll("[data-testid='plans-new']"));
        Assert.Empty(cut.FindAll("[data-testid='plan-vm-add-after']"));
        Assert.True(cut.FindComponents<MudSelect<int>>().Single(s => TestId(s.Instance.UserAttributes) == "plan-vm-priority").Instance.Disabled);
        Assert.Empty(cut.FindAll(".plan-step-add"));
    }

    private static async Task SelectAsync<T>(IRenderedComponent<PlansPage> cut, string testId, T value)
    {
        var select = cut.FindComponents<MudSelect<T>>().Single(s => TestId(s.Instance.UserAttributes) == testId);
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static string? TestId(IDictionary<string, object?> attributes) =>
        attributes.TryGetValue("data-testid", out var id) ? id as string : null;
}
