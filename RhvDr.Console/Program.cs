using RhvDr.Console.Hosting;
using RhvDr.Console.Hosting.Commands;

// Subcommands run with the console's configuration instead of the web host and exit; they start no poller or lab:
// `RhvDr.Console check [--json]`, `RhvDr.Console backup FILE`, `RhvDr.Console healthcheck [URL]`.
switch (args.FirstOrDefault())
{
    case EngineCheckCommand.Name:
        return await EngineCheckCommand.RunAsync(args[1..]);
    case "backup":
        return await BackupCommand.RunAsync(args[1..], System.Console.Out, System.Console.Error, CancellationToken.None);
    case "healthcheck":
        return await HealthCheckCommand.RunAsync(args[1..], System.Console.Out, System.Console.Error, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddRhvDrConsole();

var app = builder.Build();
app.MapRhvDrConsole();
try
{
    await app.RunAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
{
    // A setting that is wrong stops the console before it serves anything: say which, in words, without a stack trace.
    await System.Console.Error.WriteLineAsync("RhvDr did not start: its configuration has these problems:");
    foreach (var failure in invalid.Failures)
    {
        await System.Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 1;
}

return 0;

/// <summary>Entry point, public so integration tests can host the console.</summary>
public partial class Program;
