using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RhvDr.Console.Lab;
using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Recovery;
using RhvDr.Lab;

namespace RhvDr.Tests.Support;

/// <summary>
/// Core's services (pollers, engine clients, run engine) as the console registers them, over a lab whose sites are
/// "primary" and "recovery", with a database in a directory of their own. No console: no HTTP API, pages or hub.
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    private CoreHost(IHost host, string directory, bool ownsDirectory)
    {
        Host = host;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <param name="settings">Settings on top of the database path and the two sites (keys as in appsettings.json).</param>
    /// <param name="directory">
    /// Where the database lives; null for a new directory removed with the host. A host started again on the same
    /// directory is the same installation restarted (the caller removes the directory).
    /// </param>
    /// <param name="configure">More of the console's services the caller needs (the mapping, the plans), added after the run engine's.</param>
    public static async Task<CoreHost> StartAsync(
        LabServer lab, IReadOnlyDictionary<string, string?> settings, CancellationToken ct, string? directory = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var ownsDirectory = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "rhvdr-core-" + Guid.NewGuid().ToString("N"));
        var config = new Dictionary<string, string?>
        {
            ["RhvDr:DatabasePath"] = Path.Combine(directory, "rhvdr.db"),
            ["RhvDr:Sites:0:Name"] = "primary",
            ["RhvDr:Sites:0:Role"] = "Primary",
            ["RhvDr:Sites:0:EngineUrl"] = "lab:primary",
            ["RhvDr:Sites:1:Name"] = "recovery",
            ["RhvDr:Sites:1:Role"] = "Recovery",
            ["RhvDr:Sites:1:EngineUrl"] = "lab:recovery",
        };
        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddLabEngineScheme();
        builder.AddRhvDrCore();
        builder.AddRhvDrRecovery();
        builder.AddLabArrayReplication();
        configure?.Invoke(builder);
        var host = new CoreHost(builder.Build(), directory, ownsDirectory);
        var registry = host.Services.GetRequiredService<EngineEndpointRegistry>();
        foreach (var site in lab.Sites)
        {
            registry.Register(site.Name, new EngineEndpoint(site.EngineUrl, site.Username, site.Password, EngineTlsOptions.SystemTrust));
        }

        host.Services.GetRequiredService<LabArraySource>().Set(lab.ControlUrl, lab.ControlToken);
        await host.Host.StartAsync(ct);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
