using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Console.Hosting;

/// <summary>A relative <c>RhvDr:DatabasePath</c> is relative to the console's content root, wherever it is started from.</summary>
public sealed class DatabasePathPostConfigure(IHostEnvironment environment) : IPostConfigureOptions<RhvDrOptions>
{
    public void PostConfigure(string? name, RhvDrOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.DatabasePath) && !Path.IsPathRooted(options.DatabasePath))
        {
            options.DatabasePath = ConsoleDataPaths.Resolve(options.DatabasePath, environment.ContentRootPath);
        }
    }
}
