using RhvDr.Console.Hosting;
using RhvDr.Console.Hosting.Commands;

// Subcommands run with the console's configuration and exit; they start no web host, poller or lab.
switch (args.FirstOrDefault())
{
    case EngineCheckCommand.Name:
        return await EngineCheckCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddRhvDrConsole();

var app = builder.Build();
app.MapRhvDrConsole();
app.Run();
return 0;

/// <summary>Entry point, public so integration tests can host the console.</summary>
public partial class Program;
