using Bunit;
using RhvDr.Console.Components.Controls;
using RhvDr.Core.Incidents;
using RhvDr.Core.Security;
using RhvDr.Core.State;

namespace RhvDr.Tests.Components;

public sealed class DrStateBannerTests : ConsoleTestContext
{
    public static TheoryData<DrStateKind, string, string?, string?> States => new()
    {
        // kind, headline, label of the next action, link it opens
        { DrStateKind.Normal, "Normal", null, null },
        { DrStateKind.Degraded, "Degraded: VMs still down after the outage", "See the VMs still down", "/incidents" },
        { DrStateKind.SiteLost, "Site Prod lost", "Start disaster failover", "/runs/new?kind=failover&mode=disaster&source=primary" },
        { DrStateKind.FailoverRunning, "Disaster failover running", "Open the run", "/runs/r1" },
        { DrStateKind.TestActive, "Test failover active: clean up the test", "Clean up the test", "/runs/new?kind=cleanup&mode=planned&source=primary" },
        { DrStateKind.RunningAtRecovery, "Production runs at DR", "Fail back", "/runs/new?kind=failback&mode=planned&source=recovery" },
        { DrStateKind.FailbackRunning, "Planned failback running", "Open the run", "/runs/r2" },
    };

    private static DrState StateOf(DrStateKind kind, string headline, string? label, string? link)
    {
        DrNextAction? next = label is null ? null
            : link!.StartsWith("/runs/new", StringComparison.Ordinal) ? new DrNextAction(label, RunOf(link))
            : new DrNextAction(label, Page: link);
        return new DrState(kind, headline, $"Detail of {headline}.", next, "primary");
    }

    private static SuggestedRun RunOf(string link)
    {
        var query = link[(link.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return new SuggestedRun(query["kind"], query["mode"], query["source"]);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Render_EachStateAsOperator_ShowsHeadlineAndActionButton(DrStateKind kind, string headline, string? label, string? link)
    {
        SignInAs("noc-bob", Role.Operator);
        DrState.Publish(StateOf(kind, headline, label, link));

        var cut = Render<DrStateBanner>();

        Assert.Equal(RhvDr.Console.Model.DrStatePresentation.Code(kind), cut.Find("[data-testid='dr-state']").GetAttribute("data-state"));
        Assert.Equal(headline, cut.Find("[data-testid='dr-state-headline']").TextContent);
        Assert.Contains($"Detail of {headline}.", cut.Markup, StringComparison.Ordinal);
        var actions = cut.FindAll("[data-testid='dr-state-action']");
        if (label is null)
        {
            Assert.Empty(actions);
        }
        else
        {
            Assert.Equal(label, actions.Single().TextContent.Trim());
            Assert.Equal(link, actions.Single().GetAttribute("href"));
        }
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Render_EachStateAsViewer_RunActionsAreWordsOnly(DrStateKind kind, string headline, string? label, string? link)
    {
        SignInAs("manager", Role.Viewer);
        var state = StateOf(kind, headline, label, link);
        DrState.Publish(state);

        var cut = Render<DrStateBanner>();

        Assert.Equal(headline, cut.Find("[data-testid='dr-state-headline']").TextContent);
        var buttons = cut.FindAll("[data-testid='dr-state-action']");
        if (state.Next is { NeedsOperator: true })
        {
            Assert.Empty(buttons);
            Assert.Equal($"Next: {label} (an Operator starts it)", cut.Find("[data-testid='dr-state-next']").TextContent);
        }
        else if (state.Next is not null)
        {
            // Opening a page is not an action on the estate: Viewers get the link too.
            Assert.Equal(link, buttons.Single().GetAttribute("href"));
        }
        else
        {
            Assert.Empty(buttons);
        }
    }

    [Fact]
    public void Publish_StateChanges_BannerFollowsWithoutReload()
    {
        SignInAs("noc-bob", Role.Operator);
        DrState.Publish(new DrState(DrStateKind.Normal, "Normal", "All well.", null, "primary"));
        var cut = Render<DrStateBanner>();

        DrState.Publish(new DrState(DrStateKind.SiteLost, "Site Prod lost", "Primary gone.", new DrNextAction("Start disaster failover", new SuggestedRun("failover", "disaster", "primary")), "primary"));

        cut.WaitForAssertion(() => Assert.Equal("siteLost", cut.Find("[data-testid='dr-state']").GetAttribute("data-state")));
        Assert.Equal("/runs/new?kind=failover&mode=disaster&source=primary", cut.Find("[data-testid='dr-state-action']").GetAttribute("href"));
    }
}
