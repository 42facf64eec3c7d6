using RhvDr.Core.Security;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Components.Layout;
using RhvDr.Core.Sites;
using RhvDr.Lab.Control;

namespace RhvDr.Tests.Components;

public class MainLayoutTests : ConsoleTestContext
{
    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p class=\"body\">page</p>"))));

    [Fact]
    public void Render_LabSites_ShowsLabMarkerAndLink()
    {
        Services.AddSingleton<ILabControl>(new FakeLabControl());

        var cut = RenderLayout();

        Assert.Contains("LAB — simulated estate", cut.Find(".lab-marker").TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll(".rhvdr-nav a"), a => a.TextContent.Contains("Lab", StringComparison.Ordinal));
        Assert.Equal("page", cut.Find("p.body").TextContent);
    }

    [Fact]
    public void Render_AnyPage_ShowsTheDrStateBannerAboveTheBody()
    {
        DrState.Publish(new RhvDr.Core.State.DrState(RhvDr.Core.State.DrStateKind.RunningAtRecovery, "Production runs at DR (Ostrava)",
            "Since the planned failover, on purpose.", new RhvDr.Core.State.DrNextAction("Fail back", new RhvDr.Core.Incidents.SuggestedRun("failback", "planned", "recovery")), "recovery"));

        var cut = RenderLayout();

        Assert.Equal("Production runs at DR (Ostrava)", cut.Find(".rhvdr-page [data-testid='dr-state-headline']").TextContent);
        Assert.Equal("/runs/new?kind=failback&mode=planned&source=recovery", cut.Find("[data-testid='dr-state-action']").GetAttribute("href"));
    }

    [Fact]
    public void Render_NoLabControl_HidesLabLink()
    {
        var cut = RenderLayout();

        var links = cut.FindAll(".rhvdr-nav a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "Hosts", "Storage", "VMs", "Readiness", "Mapping", "Plans", "Runs", "Incidents", "Audit", "Users", "API tokens", "Engine credentials", "Engine check"], links);
    }

    [Fact]
    public void Render_Viewer_ShowsNoAdministrationAndWhoIsSignedIn()
    {
        SignInAs("manager", Role.Viewer);

        var cut = RenderLayout();

        var links = cut.FindAll(".rhvdr-nav a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "Hosts", "Storage", "VMs", "Readiness", "Mapping", "Plans", "Runs", "Incidents", "Audit"], links);
        Assert.Equal("manager · Viewer", cut.Find("[data-testid='current-user']").TextContent.Trim());
    }

    [Fact]
    public void Render_ActiveActiveTopology_ShowsStretchClusterLink()
    {
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new RhvDr.Core.Configuration.RhvDrOptions { Topology = RhvDr.Core.Configuration.DrTopology.ActiveActive }));

        var cut = RenderLayout();

        Assert.Contains(cut.FindAll(".rhvdr-nav a"), a => a.TextContent.Trim() == "Stretch cluster");
    }

    [Fact]
    public void Publish_SiteGoesCritical_AppBarStatusFollows()
    {
        var cut = RenderLayout();
        Assert.Equal("Unknown", cut.Find("[data-site-status='primary'] .health-chip").GetAttribute("data-health"));

        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Engine(EngineConnectionStatus.Unreachable, "down").Build());

        cut.WaitForAssertion(() =>
            Assert.Equal("Critical", cut.Find("[data-site-status='primary'] .health-chip").GetAttribute("data-health")));
    }

    [Fact]
    public void ThemeToggle_Clicked_SwitchesIcon()
    {
        var cut = RenderLayout();
        var before = cut.Find(".theme-toggle").InnerHtml;

        cut.Find(".theme-toggle").Click();

        Assert.NotEqual(before, cut.Find(".theme-toggle").InnerHtml);
    }
}
