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

namespace RhvDr.Bench;

/// <summary>Core's services (pollers, engine clients, run engine) as the console registers them, over a lab, on a temporary database.</summary>
public sealed class CoreHost : IAsyncDisposable
{
    private readonly string _directory;

    private CoreHost(IHost host, string directory)
    {
        Host = host;
        _directory = directory;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public static async Task<CoreHost> StartAsync(LabServer lab, Dictionary<string, string?> settings, CancellationToken ct)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var directory = Path.Combine(Path.GetTempPath(), "rhvdr-bench-" + Guid.NewGuid().ToString("N"));
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
        builder.AddRhvDrCore();
        builder.AddRhvDrRecovery();
        builder.AddLabArrayReplication();
        var host = new CoreHost(builder.Build(), directory);
        var registry = host.Services.GetRequiredService<EngineEndpointRegistry>();
        foreach (var site in lab.Sites)
        {
            registry.Register(site.Name, new EngineEndpoint(site.EngineUrl, site.Username, site.Password, EngineTlsOptions.SystemTrust));
        }

        registry.RegisterReplicationSource(lab.ControlUrl, lab.ControlToken);
        await host.Host.StartAsync(ct);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        SqliteConnection.ClearAllPools();
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
