using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RhvDr.Lab;

// Standalone lab: Lab section from appsettings.json, Lab__* environment variables and --Lab:Key=value arguments.
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection(LabOptions.SectionName).Get<LabOptions>() ?? new LabOptions();
using var host = builder.Build();
await host.StartAsync();
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
await using (var lab = await LabServer.StartAsync(options, host.Services.GetRequiredService<ILoggerFactory>(), lifetime.ApplicationStopping))
{
    Console.WriteLine($"RhvDr lab ({options.Scenario}, time scale {options.TimeScale}) — simulated oVirt engines:");
    foreach (var site in lab.Sites)
    {
        Console.WriteLine($"  {site.Name,-9} {site.EngineUrl}  user {site.Username}  password {site.Password}  (data center {site.DataCenter})");
    }

    Console.WriteLine($"  control   {lab.ControlUrl}lab/control   array {lab.ControlUrl}lab/array/pairs");
    Console.WriteLine("Press Ctrl+C to stop.");
    await host.WaitForShutdownAsync();
}
