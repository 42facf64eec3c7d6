using RhvDr.Console.Lab;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Engines;
using RhvDr.Core.Ovirt;

namespace RhvDr.Console.Hosting.Commands;

/// <summary>
/// <c>RhvDr.Console check [--json]</c>: checks every configured site's engine (reachable, TLS, sign-in, version, permits)
/// with the console's configuration and exits 0 when every site is usable, 1 when one is not, 2 when the configuration
/// itself is wrong. Starts no web host, no poller and no lab.
/// </summary>
public static class EngineCheckCommand
{
    public const string Name = "check";

    public const int InvalidConfiguration = 2;

    private const string Usage = """
        Usage: RhvDr.Console check [--json] [--RhvDr:Key=value ...]
          Connects to each configured engine and reports, per site: reachable, TLS (issuer, expiry, how it is trusted),
          sign-in, product version, and the permits a DR run needs. Reads appsettings.json, the environment and the
          arguments like the console. --json prints the report as JSON for pipelines.
          Exit code: 0 every site usable (warnings allowed), 1 a site is not usable, 2 the configuration is wrong.
        """;

    /// <summary>Runs with the configuration the console would read: appsettings.json, the environment and <paramref name="args"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args.Where(a => !IsOwnOption(a))] });
        using var stop = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await RunAsync(args, builder.Configuration, System.Console.Out, System.Console.Error, stop.Token);
    }

    /// <summary>Runs against <paramref name="configuration"/>; what <see cref="RunAsync(string[])"/> does after reading it.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        var options = configuration.GetSection(RhvDrOptions.SectionName).Get<RhvDrOptions>() ?? new RhvDrOptions();
        var validation = new RhvDrOptionsValidator([EmbeddedLabModule.Scheme]).Validate(null, options);
        if (validation.Failed)
        {
            await errors.WriteLineAsync("The configuration is not valid; nothing was checked:");
            foreach (var failure in validation.Failures ?? [])
            {
                await errors.WriteLineAsync("  " + failure);
            }
            return InvalidConfiguration;
        }

        var settings = Options.Create(options);
        var checker = new EngineChecker(settings, new EngineEndpointRegistry(settings), TimeProvider.System);
        var report = await checker.CheckAsync(cancellationToken);
        if (args.Contains("--json"))
        {
            await output.WriteLineAsync(EngineCheckJson.Serialize(report));
        }
        else
        {
            EngineCheckText.Write(output, report);
        }
        await output.FlushAsync(cancellationToken);
        return report.ExitCode;
    }

    private static bool IsOwnOption(string arg) => arg is "--json" or "--help" or "-h";
}
