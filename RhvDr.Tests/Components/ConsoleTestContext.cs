using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RhvDr.Console.Security;
using Microsoft.Extensions.Logging.Abstractions;
using RhvDr.Core.Audit;
using RhvDr.Core.Incidents;
using RhvDr.Core.Ovirt;
using RhvDr.Core.State;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Security;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Components;

/// <summary>
/// bUnit context with MudBlazor services, loose JS interop, instant snackbars, a real inventory store, and a signed-in
/// administrator (<see cref="Authorization"/> changes who is signed in).
/// </summary>
public abstract class ConsoleTestContext : BunitContext, IAsyncLifetime
{
    protected ConsoleTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Store = SiteSnapshotBuilder.NewStore();
        Services.AddSingleton<IInventoryStore>(Store);
        Services.AddSingleton<IAuditTrail>(Audit);
        // Every page shows the DR state banner; pages that follow incidents get an in-memory board unless a test adds its own.
        Services.AddSingleton<IDrStateStore>(DrState);
        Services.AddSingleton<IIncidentStore>(sp => new IncidentStore(new InMemoryIncidentRepository(), TimeProvider.System, Audit));
        Services.AddSingleton<IEngineClientFactory>(new UnusedEngineClientFactory());
        Services.AddSingleton(sp => new StillDownStarter(sp.GetRequiredService<IIncidentStore>(), sp.GetRequiredService<IEngineClientFactory>(), Audit, NullLogger<StillDownStarter>.Instance));
        Authorization = AddAuthorization();
        SignInAs("admin", Role.Administrator);
        Services.AddScoped<CurrentActor>();
    }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>What the pages under test appended to the audit trail.</summary>
    protected RecordingAuditTrail Audit { get; } = new();

    /// <summary>Signs <paramref name="name"/> in with <paramref name="role"/>, as the console's cookie would.</summary>
    protected void SignInAs(string name, Role role)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(role.ToString());
        Authorization.SetPolicies(Enum.GetValues<Role>().Where(r => r <= role).Select(r => r.ToString()).ToArray());
    }

    protected InventoryStore Store { get; }

    /// <summary>The DR state the banner shows; tests publish into it.</summary>
    protected DrStateStore DrState { get; } = new();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that are only IAsyncDisposable; xunit v2 would otherwise dispose synchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Renders the providers MudBlazor popovers (selects, tooltips) and snackbars need.</summary>
    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
    }
}
