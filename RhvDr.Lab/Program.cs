using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RhvDr.Lab;

/// <summary>
/// The standalone lab: <c>Lab</c> section from its appsettings.json (built into the assembly), then an appsettings.json next
/// to the program, <c>Lab__*</c> environment variables and <c>--Lab:Key=value</c> arguments. A named class rather than
/// top-level statements, so no global <c>Program</c> competes with the console's.
/// </summary>
internal static class LabProgram
{
    private const string DefaultsResource = "RhvDr.Lab.appsettings.json";

    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Lowest precedence: every other source overrides the built-in defaults.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = BuiltInDefaults() });
        var options = builder.Configuration.GetSection(LabOptions.SectionName).Get<LabOptions>() ?? new LabOptions();
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var lab = await LabServer.StartAsync(options, host.Services.GetRequiredService<ILoggerFactory>(), lifetime.ApplicationStopping).ConfigureAwait(false);
        await using var labDisposal = lab.ConfigureAwait(false);
        Console.WriteLine($"RhvDr lab ({options.Scenario}, time scale {options.TimeScale}) — simulated oVirt engines:");
        foreach (var site in lab.Sites)
        {
            Console.WriteLine($"  {site.Name,-9} {site.EngineUrl}  user {site.Username}  password {site.Password}  (data center {site.DataCenter})");
        }

        Console.WriteLine($"  a user with only UserRole, for rehearsing missing permissions: {lab.ReadOnlyUser}  password {lab.ReadOnlyPassword}");
        Console.WriteLine($"  control   {lab.ControlUrl}lab/control   array {lab.ControlUrl}lab/array/pairs");
        Console.WriteLine(string.IsNullOrEmpty(options.ControlToken)
            ? $"  control token {lab.ControlToken}  (send 'Authorization: Bearer TOKEN'; new at every start, set Lab:ControlToken for a fixed one)"
            : "  control token: the one set in Lab:ControlToken (send 'Authorization: Bearer TOKEN')");
        if (options.Tls.Enabled && string.IsNullOrWhiteSpace(options.Tls.CertificateFile))
        {
            Console.WriteLine($"  TLS: a CA made for this start signed the engines' certificate; trust {Path.GetFullPath(string.IsNullOrWhiteSpace(options.Tls.CaOutputFile) ? "lab-ca.pem" : options.Tls.CaOutputFile)} (also served at each engine's /ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA)");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        await host.WaitForShutdownAsync().ConfigureAwait(false);
    }

    private static IEnumerable<KeyValuePair<string, string?>> BuiltInDefaults()
    {
        using var json = typeof(LabProgram).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"The lab's built-in settings ({DefaultsResource}) are missing from its assembly.");
        return [.. new ConfigurationBuilder().AddJsonStream(json).Build().AsEnumerable()];
    }
}
