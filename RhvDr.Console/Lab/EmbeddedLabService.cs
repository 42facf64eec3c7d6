using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;
using RhvDr.Lab;

namespace RhvDr.Console.Lab;

/// <summary>
/// Runs the simulated estate inside the console when any configured site is a lab site (<c>lab:NAME</c>).
/// The lab listens on loopback ports and the console reaches it over HTTP through the same client as a real engine;
/// its engine passwords and its control credential are generated per start and handed over in memory, so none is written anywhere.
/// </summary>
public sealed class EmbeddedLabService(
    IOptions<RhvDrOptions> options,
    IOptions<LabOptions> labOptions,
    EngineEndpointRegistry endpoints,
    LabConnection connection,
    LabArraySource array,
    ILoggerFactory loggerFactory,
    ILogger<EmbeddedLabService> logger) : IHostedService, IAsyncDisposable
{
    private LabServer? _lab;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var labSites = options.Value.Sites.Where(EmbeddedLabModule.IsLabSite).ToList();
        if (labSites.Count == 0)
        {
            return;
        }

        _lab = await LabServer.StartAsync(labOptions.Value, loggerFactory, cancellationToken);
        connection.Attach(_lab);
        foreach (var site in labSites)
        {
            var labSiteName = site.Embedded!.Value.Name;
            var labSite = _lab.Sites.FirstOrDefault(s => string.Equals(s.Name, labSiteName, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException(
                    $"RhvDr:Sites: site '{site.Name}' points at lab site '{labSiteName}', but the lab has only: {string.Join(", ", _lab.Sites.Select(s => s.Name))}.");
            // A site may name its own user or password for a lab engine (to rehearse a credentials failure);
            // otherwise it signs in with the lab's own, generated for this start.
            var username = string.IsNullOrWhiteSpace(site.Username) ? labSite.Username : site.Username;
            var password = string.IsNullOrEmpty(site.Password) ? labSite.Password : site.Password;
            endpoints.Register(labSiteName, new EngineEndpoint(labSite.EngineUrl, username, password, EngineTlsOptions.SystemTrust));
        }
        array.Set(_lab.ControlUrl, _lab.ControlToken);
        logger.LogInformation("Lab ({Scenario}, time scale {TimeScale}) is serving {Sites} at {ControlUrl}",
            labOptions.Value.Scenario, labOptions.Value.TimeScale, string.Join(", ", _lab.Sites.Select(s => $"{s.Name} {s.EngineUrl}")), _lab.ControlUrl);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }
}
