using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RhvDr.Console.Components.Controls;
using RhvDr.Console.Components.Pages;
using RhvDr.Console.Security;
using RhvDr.Core.Audit;
using RhvDr.Core.Security;

namespace RhvDr.Tests.Components;

/// <summary>A page refused inside an open session: the router shows this view, which also records the refusal.</summary>
public sealed class NotAuthorizedViewTests : ConsoleTestContext
{
    public NotAuthorizedViewTests()
    {
        Services.AddSingleton(new DeniedAccessRecorder(Audit, TimeProvider.System, Options.Create(new SecurityOptions()), NullLogger<DeniedAccessRecorder>.Instance));
    }

    [Fact]
    public void Render_ViewerOpensOperatorPage_ExplainsAndRecordsDenied()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("lab?tab=faults");
        var viewer = ConsoleClaims.Principal("anna", Role.Viewer, "password", "Cookies", source: "10.0.0.5");

        var cut = Render<NotAuthorizedView>(p => p.Add(v => v.State, new AuthenticationState(viewer)).Add(v => v.Page, typeof(LabPage)));

        Assert.Contains("this page needs a higher role", cut.Find(".not-authorized").TextContent, StringComparison.Ordinal);
        var entry = Assert.Single(Audit.Records);
        Assert.Equal(("anna", "10.0.0.5", AuditActions.AccessDenied, "page /lab", AuditOutcomes.Denied, "refused in an open session: needs the Operator role; anna has the Viewer role"),
            (entry.Actor, entry.Source, entry.Action, entry.Target, entry.Outcome, entry.Detail));
    }

    [Fact]
    public void Render_SessionEnded_AsksToSignInAndRecordsNothing()
    {
        var cut = Render<NotAuthorizedView>(p => p.Add(v => v.State, new AuthenticationState(new System.Security.Claims.ClaimsPrincipal())).Add(v => v.Page, typeof(LabPage)));

        Assert.Contains("Sign in again", cut.Find(".not-authorized").TextContent, StringComparison.Ordinal);
        Assert.Empty(Audit.Records);
    }
}
