using RhvDr.Core.Configuration;

namespace RhvDr.Console.Hosting;

/// <summary>
/// Where the console keeps its state: the database (<c>RhvDr:DatabasePath</c>) and the Data Protection keys
/// (<c>RhvDr:DataProtection:KeysPath</c>). Relative paths are relative to the content root, the directory the console is
/// started from, so the web host and the command-line subcommands find the same files.
/// </summary>
public static class ConsoleDataPaths
{
    public const string DatabasePathKey = RhvDrOptions.SectionName + ":DatabasePath";

    public const string KeysPathKey = RhvDrOptions.SectionName + ":DataProtection:KeysPath";

    public const string DefaultKeysPath = "data/keys";

    public static string Resolve(string path, string contentRoot) => Path.GetFullPath(path, contentRoot);

    /// <summary>The database file, as <see cref="DatabasePathPostConfigure"/> resolves it for the console.</summary>
    public static string DatabasePath(IConfiguration configuration, IHostEnvironment environment) =>
        Resolve(configuration[DatabasePathKey] ?? new RhvDrOptions().DatabasePath, environment.ContentRootPath);

    public static string KeysPath(IConfiguration configuration, IHostEnvironment environment) =>
        Resolve(configuration[KeysPathKey] ?? DefaultKeysPath, environment.ContentRootPath);
}
