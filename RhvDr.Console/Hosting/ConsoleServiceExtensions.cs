using System.Text.Json;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using RhvDr.Console.Api;
using RhvDr.Console.Components;
using RhvDr.Console.Hubs;
using RhvDr.Console.Lab;
using Microsoft.AspNetCore.DataProtection;
using RhvDr.Console.Security;
using RhvDr.Core.Configuration;
using RhvDr.Core.Data;
using RhvDr.Core.Drills;
using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;
using RhvDr.Core.Incidents;
using RhvDr.Core.Notifications;
using RhvDr.Core.State;

namespace RhvDr.Console.Hosting;

/// <summary>Registers and maps everything the console hosts: the embedded lab, Core, components, API, hub.</summary>
public static class ConsoleServiceExtensions
{
    public static WebApplicationBuilder AddRhvDrConsole(this WebApplicationBuilder builder)
    {
        // Static web assets (MudBlazor, the framework's scripts) are served from the build output too,
        // so the console runs the same from `dotnet run` in any environment.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        // Under systemd (Type=notify): ready is reported once the console listens, and log lines carry journal priorities.
        services.AddSystemd();
        // First hosted service: every later one (the lab, the pollers) starts with the pool already sized.
        services.AddHostedService<ThreadPoolSizing>();
        services.ConfigureHttpJsonOptions(o =>
        {
            ConfigureJson(o.SerializerOptions);
            // A misspelt field ("rolle") is refused rather than ignored, so a request never half-applies.
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        // A body that does not bind throws, so BadRequestProblems can answer with the field that is wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // Before Core, whose pollers ask the lab for its engines' addresses: hosted services start in order.
        services.AddLabEngineScheme();
        builder.AddEmbeddedLabWhenConfigured();
        services.AddSingleton<IPostConfigureOptions<RhvDrOptions>, DatabasePathPostConfigure>();

        // Secrets kept in the database (mapping CHAP passwords) are encrypted with keys kept beside it.
        services.AddDataProtection()
            .SetApplicationName("RhvDr")
            .PersistKeysToFileSystem(new DirectoryInfo(ConsoleDataPaths.KeysPath(builder.Configuration, builder.Environment)));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();

        // Before Core: its start-up applies stored engine credentials ahead of the pollers' first call.
        builder.AddRhvDrConsoleSecurity();
        builder.AddRhvDrCore();
        builder.AddRhvDrReadinessConsole();
        builder.AddRhvDrMapping();
        builder.AddRhvDrPlans();
        // Before runs and incidents: it stops after them, so the statuses of runs interrupted by a stop still go out.
        builder.AddRhvDrNotifications();
        builder.AddRhvDrRuns();
        builder.AddRhvDrDrills();
        builder.AddRhvDrIncidents();
        builder.AddRhvDrState();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSignalR().AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));
        services.AddHostedService<InventoryHubPublisher>();
        services.AddHostedService<IncidentHubPublisher>();
        services.AddHostedService<DrStateHubPublisher>();
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication MapRhvDrConsole(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseRhvDrRequestLimits();
        app.UseMiddleware<BadRequestProblems>();
        app.UseRhvDrSecurity();
        app.MapLabAbsent();
        app.UseAntiforgery();
        // The sign-in page needs its stylesheet before anyone is signed in; assets hold no data.
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapSecurityApi();
        app.MapAuditApi();
        app.MapSitesApi();
        app.MapRhvDrReadiness();
        app.MapMappingApi();
        app.MapPlansApi();
        app.MapRhvDrRuns();
        app.MapDrillsApi();
        app.MapIncidentsApi();
        app.MapDrStateApi();
        app.MapEngineCheckApi();
        app.MapLabApi();
        app.MapHub<DrHub>(DrHub.Path);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'");
        return app;
    }

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new StrictEnumJsonConverterFactory());
    }
}
