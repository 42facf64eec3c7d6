using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RhvDr.Lab.Api;
using RhvDr.Lab.Resources;
using RhvDr.Lab.Simulation;
using RhvDr.Lab.Tls;

namespace RhvDr.Lab;

/// <summary>
/// The running lab: a control endpoint and one oVirt engine endpoint per site, each on its own loopback port (Kestrel),
/// all over one <see cref="LabSimulation"/>. Embed it with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class LabServer : IAsyncDisposable
{
    private readonly List<WebApplication> _apps;
    private readonly LabCertificates? _certificates;

    private LabServer(LabOptions options, LabSimulation simulation, List<WebApplication> apps, Uri controlUrl, IReadOnlyList<LabSiteEndpoint> sites, LabCertificates? certificates)
    {
        _certificates = certificates;
        Options = options;
        Simulation = simulation;
        _apps = apps;
        ControlUrl = controlUrl;
        Sites = sites;
    }

    public LabOptions Options { get; }

    /// <summary>The simulated state, for tests and in-process tooling; read and stage it through <see cref="LabSimulation.Read{T}"/> and <see cref="LabSimulation.Stage"/>.</summary>
    public LabSimulation Simulation { get; }

    /// <summary>Serves <c>/lab/control</c> and <c>/lab/array/...</c> to callers that send <see cref="ControlToken"/>.</summary>
    public Uri ControlUrl { get; }

    /// <summary>
    /// The credential of the control and array API, sent as <c>Authorization: Bearer TOKEN</c>: <see cref="LabOptions.ControlToken"/>
    /// when set, otherwise random for this start.
    /// </summary>
    public string ControlToken { get; private init; } = "";

    public IReadOnlyList<LabSiteEndpoint> Sites { get; }

    /// <summary>The user with only UserRole (<see cref="LabOptions.ReadOnlyUser"/>), the same at every engine.</summary>
    public string ReadOnlyUser => Options.ReadOnlyUser;

    /// <summary>The password of <see cref="ReadOnlyUser"/>.</summary>
    public string ReadOnlyPassword { get; private init; } = "";

    public LabSiteEndpoint Site(string name) =>
        Sites.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown lab site '{name}'. Sites: {string.Join(", ", Sites.Select(s => s.Name))}.", nameof(name));

    /// <param name="timeProvider">The clock simulated durations and tokens run on; the system clock when absent. Tests pass a fake one.</param>
    public static async Task<LabServer> StartAsync(
        LabOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid lab configuration: " + string.Join(" ", errors), nameof(options));
        }

        var logger = loggerFactory?.CreateLogger<LabServer>();
        var password = options.AdminPassword ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');
        var time = timeProvider ?? TimeProvider.System;
        var simulation = new LabSimulation(options, time, loggerFactory?.CreateLogger<LabSimulation>());
        var accounts = Accounts(options, password);
        var tokens = simulation.Engines.ToDictionary(
            e => e.Site,
            e => new TokenStore(accounts, TimeSpan.FromMinutes(options.TokenLifetimeMinutes), time),
            StringComparer.OrdinalIgnoreCase);
        var controlToken = string.IsNullOrEmpty(options.ControlToken)
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('/', 'x').Replace('+', 'y')
            : options.ControlToken;
        var control = new LabControlApi(simulation, tokens, controlToken, loggerFactory?.CreateLogger<LabControlApi>());
        var apps = new List<WebApplication>();
        LabCertificates? certificates = null;
        try
        {
            certificates = LabCertificates.Load(options.Tls, options.ListenAddress);
            var controlApp = await StartAppAsync(options, options.Port, new LabRequestHandler(control, null, certificates?.CaPem), certificates, loggerFactory, cancellationToken).ConfigureAwait(false);
            apps.Add(controlApp);
            var sites = new List<LabSiteEndpoint>();
            var offset = 1;
            foreach (var engine in simulation.Engines)
            {
                var port = options.Port == 0 ? 0 : options.Port + offset++;
                var api = new EngineApi(simulation, engine, tokens[engine.Site]);
                var app = await StartAppAsync(options, port, new LabRequestHandler(control, api, certificates?.CaPem), certificates, loggerFactory, cancellationToken).ConfigureAwait(false);
                apps.Add(app);
                var engineUrl = new Uri(BoundAddress(app) + ApiPaths.Base);
                simulation.Stage(engine.Site, e => e.EngineUrl = engineUrl.ToString());

                sites.Add(new LabSiteEndpoint(engine.Site, engine.DataCenterName, engineUrl, options.AdminUser, password));
            }

            var server = new LabServer(options, simulation, apps, new Uri(BoundAddress(controlApp)), sites, certificates) { ReadOnlyPassword = accounts[1].Password, ControlToken = controlToken };
            logger?.LogInformation("Lab started ({Scenario}, time scale {TimeScale}); control at {ControlUrl}", options.Scenario, options.TimeScale, server.ControlUrl);
            return server;
        }
        catch
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            await simulation.DisposeAsync().ConfigureAwait(false);
            certificates?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Simulation.DisposeAsync().ConfigureAwait(false);
        foreach (var app in _apps)
        {
            try
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }

        _certificates?.Dispose();
    }

    // The same users at every engine, as one AAA directory serves both engines of a DR pair.
    private static LabAccount[] Accounts(LabOptions options, string adminPassword) =>
    [
        new("fdfc627c-d875-11e0-90f0-83df133b58cc", options.AdminUser, adminPassword, LabRoles.SuperUser, "58ca605c-010d-0307-0224-0000000001a1"),
        new("2f1d1a3e-5b7c-4e0a-9c41-6c7f0d2b8e11", options.ReadOnlyUser, options.ReadOnlyPassword ?? adminPassword, LabRoles.UserRole, "58ca605c-010d-0307-0224-0000000001a2"),
    ];

    private static async Task<WebApplication> StartAppAsync(
        LabOptions options, int port, LabRequestHandler handler, LabCertificates? certificates, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        // An empty builder reads no appsettings.json, environment or command line: an embedding host's Kestrel or URL
        // settings (the console's) must not leak into the lab's listeners.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddLogging();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton<ILoggerFactory>(new ListenerLoggerFactory(loggerFactory));
        }

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            var address = string.Equals(options.ListenAddress, "localhost", StringComparison.OrdinalIgnoreCase)
                ? IPAddress.Loopback
                : IPAddress.Parse(options.ListenAddress);
            kestrel.Listen(address, port, listen =>
            {
                if (certificates is not null)
                {
                    listen.UseHttps(certificates.Server);
                }
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    private static string BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault()?.TrimEnd('/') ?? throw new InvalidOperationException("The lab's Kestrel endpoint did not report its address.");
    }
}
