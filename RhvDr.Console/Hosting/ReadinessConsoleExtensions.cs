using OpenTelemetry.Metrics;
using RhvDr.Console.Api;
using RhvDr.Core.Readiness;

namespace RhvDr.Console.Hosting;

/// <summary>Readiness in the console: Core's readiness services, the Prometheus exporter, the API and <c>/metrics</c>.</summary>
public static class ReadinessConsoleExtensions
{
    public static WebApplicationBuilder AddRhvDrReadinessConsole(this WebApplicationBuilder builder)
    {
        builder.AddRhvDrReadiness();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ReadinessMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapRhvDrReadiness(this WebApplication app)
    {
        app.MapReadinessApi();
        // Prometheus scrapes with an API token (any role): bearer_token in its scrape config.
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Security.AuthorizationPolicies.MetricsScrape);
        return app;
    }
}
