using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RhvDr.Bench;

/// <summary>
/// The real console (its Program, every service and background loop) on Kestrel at a free loopback port, over the embedded
/// lab sized by the benchmark, on a temporary database. Nothing is replaced.
/// </summary>
public sealed class BenchConsole : WebApplicationFactory<Program>
{
    /// <summary>The administrator token the benchmark's console is started with.</summary>
    public const string ApiToken = "rhvdr_bench_token_0123456789abcdef0123";

    /// <summary>The administrator the benchmark's browser signs in as.</summary>
    public const string AdminUser = "bench";

    public const string AdminPassword = "bench-password-0123";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rhvdr-bench-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public BenchConsole(Dictionary<string, string?> settings)
    {
        _settings = settings;
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("RhvDr:DatabasePath", Path.Combine(_directory, "rhvdr.db"));
        builder.UseSetting("RhvDr:DataProtection:KeysPath", Path.Combine(_directory, "keys"));
        // Clients sign in as automation does: with an API token (any role may follow runs on the hub).
        builder.UseSetting("RhvDr:Bootstrap:ApiToken", ApiToken);
        builder.UseSetting("RhvDr:Bootstrap:AdminUser", AdminUser);
        builder.UseSetting("RhvDr:Bootstrap:AdminPassword", AdminPassword);
        builder.ConfigureLogging(logging => logging.ClearProviders());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Held open by SQLite's pool: left for the OS temp cleaner.
            }
        }
    }
}
