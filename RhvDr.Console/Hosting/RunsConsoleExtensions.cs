using RhvDr.Console.Api;
using RhvDr.Console.Hubs;
using RhvDr.Core.Recovery;

namespace RhvDr.Console.Hosting;

/// <summary>The run engine in the console: Core's registration plus the hub publisher, and the runs API.</summary>
public static class RunsConsoleExtensions
{
    public static WebApplicationBuilder AddRhvDrRuns(this WebApplicationBuilder builder)
    {
        builder.AddRhvDrRecovery();
        builder.Services.AddHostedService<RunHubPublisher>();
        return builder;
    }

    public static WebApplication MapRhvDrRuns(this WebApplication app)
    {
        app.MapRunsApi();
        return app;
    }
}
