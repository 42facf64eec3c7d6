using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Lab.Simulation;

namespace RhvDr.Console.Lab;

/// <summary>
/// The embedded lab as an optional module: added only when a configured site's engine URL is <c>lab:NAME</c>. With real
/// engines none of its services exist, its page answers 404 and its navigation entry is absent; nothing else depends on it.
/// </summary>
public static class EmbeddedLabModule
{
    /// <summary>The engine addresses the lab hosts: <c>lab:primary</c> and <c>lab:recovery</c>, or <c>lab:stretch</c> in the Active/Active estate.</summary>
    public static readonly EmbeddedEngineScheme Scheme = new(
        "lab", "the embedded lab", [EstateGenerator.PrimarySite, EstateGenerator.RecoverySite, EstateGenerator.StretchSite]);

    /// <summary>Whether <paramref name="site"/> is an engine of the embedded lab (<c>lab:NAME</c>).</summary>
    public static bool IsLabSite(SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Embedded is { } address && string.Equals(address.Scheme, Scheme.Scheme, StringComparison.Ordinal);
    }

    /// <summary>Declares the <c>lab:</c> engine addresses to the settings check, whether or not a site uses one.</summary>
    public static IServiceCollection AddLabEngineScheme(this IServiceCollection services)
    {
        services.AddSingleton(Scheme);
        return services;
    }

    /// <summary>Adds the lab, and its array as Core's replication adapters (<see cref="LabArrayReplication"/>), when a site needs it; true when it did.</summary>
    public static bool AddEmbeddedLabWhenConfigured(this WebApplicationBuilder builder)
    {
        if (!AnySiteIsLab(builder.Configuration))
        {
            return false;
        }

        var services = builder.Services;
        // The lab must start before Core's pollers ask for its engines' addresses: hosted services start in order.
        services.AddOptions<LabOptions>().BindConfiguration(LabOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LabOptions>, LabOptionsValidator>();
        services.AddHttpClient(LabConnection.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10)).UseSocketsHandler();
        services.AddSingleton<LabConnection>();
        services.AddSingleton<ILabControl>(sp => sp.GetRequiredService<LabConnection>());
        services.AddSingleton<ILabArray>(sp => sp.GetRequiredService<LabConnection>());
        services.AddHostedService<EmbeddedLabService>();
        builder.AddLabArrayReplication();
        return true;
    }

    /// <summary>Without the lab, <c>/lab</c> is a page that does not exist.</summary>
    public static void MapLabAbsent(this WebApplication app)
    {
        if (app.Services.GetService<ILabControl>() is not null)
        {
            return;
        }

        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.Equals("/lab", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/lab", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
    }

    // The defaults in appsettings.json are lab sites; any source (environment, arguments) may replace them.
    private static bool AnySiteIsLab(IConfiguration configuration) =>
        configuration.GetSection(RhvDrOptions.SectionName + ":Sites").GetChildren()
            .Any(site => EmbeddedEngineAddress.TryParse(site["EngineUrl"], out var address) && address.Scheme == Scheme.Scheme);
}
