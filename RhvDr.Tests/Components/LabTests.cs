using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Components.Pages;
using RhvDr.Lab.Control;

namespace RhvDr.Tests.Components;

public class LabTests : ConsoleTestContext
{
    [Fact]
    public void Render_NoLabRegistered_SaysLabIsNotRunning()
    {
        var cut = Render<LabPage>();

        Assert.Contains("lab isn't running", cut.Find(".lab-not-running").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid^='lab-down-']"));
    }

    [Fact]
    public void TakeSiteDown_Clicked_CallsLabAndShowsSnackbar()
    {
        var lab = new FakeLabControl();
        Services.AddSingleton<ILabControl>(lab);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<LabPage>();

        cut.Find("[data-testid='lab-down-primary']").Click();

        cut.WaitForAssertion(() => Assert.Contains("down primary", lab.Calls));
        snackbars.WaitForAssertion(() => Assert.Contains("Site primary is down.", snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void TakeSiteDown_LabFails_ShowsErrorInWords()
    {
        var lab = new FakeLabControl { FailWith = new HttpRequestException("connection refused (127.0.0.1:5091)") };
        Services.AddSingleton<ILabControl>(lab);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<LabPage>();

        cut.Find("[data-testid='lab-down-recovery']").Click();

        snackbars.WaitForAssertion(() => Assert.Contains(
            "Could not take site recovery down: connection refused (127.0.0.1:5091)", snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SiteDown_OffersBringUp()
    {
        var lab = new FakeLabControl();
        lab.Status = lab.Status with { Sites = [lab.Status.Sites[0] with { Up = false, HostsDown = 8 }, lab.Status.Sites[1]] };
        Services.AddSingleton<ILabControl>(lab);
        var cut = Render<LabPage>();

        Assert.True(cut.Find("[data-testid='lab-down-primary']").HasAttribute("disabled"));
        cut.Find("[data-testid='lab-up-primary']").Click();

        cut.WaitForAssertion(() => Assert.Contains("up primary", lab.Calls));
        Assert.Contains("lab-site-down", cut.Find("[data-lab-site='primary']").ClassList);
    }

    [Fact]
    public void ApplyFaults_Clicked_SendsFaultsToLab()
    {
        var lab = new FakeLabControl();
        Services.AddSingleton<ILabControl>(lab);
        RenderProviders();
        var cut = Render<LabPage>();

        cut.Find("[data-testid='lab-apply-faults']").Click();

        cut.WaitForAssertion(() => Assert.Contains("faults 0 0", lab.Calls));
    }
}
