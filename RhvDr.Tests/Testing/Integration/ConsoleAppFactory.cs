using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RhvDr.Tests.Integration;

/// <summary>
/// The real console on Kestrel at a free loopback port, on the embedded lab at time scale 0, with its own database.
/// Browser tests need a real socket, so this is not the in-memory test server.
/// </summary>
public sealed class ConsoleAppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private bool _started;

    /// <param name="directory">
    /// Where the database and keys live; null for a new directory removed with the console. A console started again on the
    /// same directory is the same installation restarted (the caller removes the directory).
    /// </param>
    public ConsoleAppFactory(string? directory = null)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? Path.Combine(Path.GetTempPath(), "rhvdr-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
    }

    /// <summary>The administrator API token the console is bootstrapped with (<c>RhvDr:Bootstrap:ApiToken</c>).</summary>
    public const string AdminToken = "rhvdr_test_admin_token_0123456789abcdef";

    public const string AdminUser = "admin";

    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>Settings a test wants on top of the defaults (keys as in appsettings.json, ':' separated).</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Lab:TimeScale"] = "0",
        ["RhvDr:PollInterval"] = "00:00:01",
        ["RhvDr:Bootstrap:ApiToken"] = AdminToken,
        ["RhvDr:Bootstrap:AdminUser"] = AdminUser,
        ["RhvDr:Bootstrap:AdminPassword"] = AdminPassword,

        // Most tests drive runs with the one bootstrap token; four-eyes approval has its own tests, which restore the defaults.
        ["RhvDr:Security:FourEyes:Failover"] = "Never",
        ["RhvDr:Security:FourEyes:Failback"] = "Never",

        // The lab at time scale 0 answers at once: a run that read engine state every 2 s, as against a real engine, would
        // spend its time waiting between reads.
        ["RhvDr:Recovery:PollInterval"] = "00:00:00.050",

        // The lab at time scale 0 has its guest agents report at once; a VM without one is settled as unverified after this.
        ["RhvDr:Recovery:GuestAgentTimeout"] = "00:00:02",

        // A plan a test saves must not be drilled on the wall clock's schedule in the middle of another test; the drill
        // tests turn the scheduler on with a clock of their own.
        ["RhvDr:Drills:Enabled"] = "false",
    };

    /// <summary>A client of the console's API that sends <paramref name="token"/> (the administrator token by default).</summary>
    public HttpClient CreateApiClient(string? token = AdminToken)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    /// <summary>A hub connection that authenticates with <paramref name="token"/> (the administrator token by default).</summary>
    public Microsoft.AspNetCore.SignalR.Client.HubConnection CreateHubConnection(string? token = AdminToken) =>
        new Microsoft.AspNetCore.SignalR.Client.HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "hubs/dr"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .Build();

    /// <summary>The host environment the console starts in: Development for tests, Production to measure it as it ships.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Services a test replaces or adds (fakes of parts other branches implement), applied after the console's own.</summary>
    public List<Action<IServiceCollection>> ServiceOverrides { get; } = [];

    /// <summary>The console's services; the console is started first if it has not been.</summary>
    public override IServiceProvider Services
    {
        get
        {
            StartOnCleanContext();
            return base.Services;
        }
    }

    /// <summary>The console's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    /// <summary>
    /// Starts the console on a thread-pool thread with no execution context. Started on the calling test's thread, it would
    /// leave the factory in an async-local of that test's flow (the host factory resolver sets one and does not clear it),
    /// and every timer or thread created later in that flow, by this console or the next, would capture it: each console
    /// would keep the ones before it alive, and the test process would hold hundreds of megabytes of stopped consoles.
    /// </summary>
    private void StartOnCleanContext()
    {
        if (_started)
        {
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            Task.Run(StartServer).GetAwaiter().GetResult();
        }
        _started = true;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("RhvDr:DatabasePath", Path.Combine(_directory, "rhvdr.db"));
        builder.UseSetting("RhvDr:DataProtection:KeysPath", Path.Combine(_directory, "keys"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            foreach (var configure in ServiceOverrides)
            {
                configure(services);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by SQLite's pool is left for the OS temp cleaner.
            }
        }
    }
}
