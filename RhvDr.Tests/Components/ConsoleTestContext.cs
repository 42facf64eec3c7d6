using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RhvDr.Core.Monitoring;

namespace RhvDr.Tests.Components;

/// <summary>bUnit context with MudBlazor services, loose JS interop, instant snackbars and a real inventory store.</summary>
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
    }

    protected InventoryStore Store { get; }

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
