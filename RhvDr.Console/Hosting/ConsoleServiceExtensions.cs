using MudBlazor.Services;
using RhvDr.Console.Components;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Hosting;

/// <summary>Registers and maps everything the console hosts: components, API, hub.</summary>
public static class ConsoleServiceExtensions
{
    public static WebApplicationBuilder AddRhvDrConsole(this WebApplicationBuilder builder)
    {
        // Static web assets (MudBlazor, the framework's scripts) are served from the build output too,
        // so the console runs the same from `dotnet run` in any environment.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<IInventoryStore>(_ => new InventoryStore(
        [
            new SiteDescriptor("primary", "Primary (Prod)", SiteRole.Primary, "lab:primary", true),
            new SiteDescriptor("recovery", "Recovery", SiteRole.Recovery, "lab:recovery", true),
        ]));
        return builder;
    }

    public static WebApplication MapRhvDrConsole(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
