namespace RhvDr.Core.Configuration;

/// <summary>
/// How much the console reads from one request, bound from <c>RhvDr:Limits</c>: the HTTP API's bodies, and what a DR mapping
/// file (YAML or JSON) may hold before it is read into memory. Input beyond a limit is refused in words that name the setting.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "RhvDr:Limits";

    /// <summary>Largest nesting a mapping file may have; the role's file nests four levels deep.</summary>
    public const int MappingMaxDepth = 16;

    /// <summary>Largest body of <c>PUT /api/mapping</c> (and of a file imported on the Mapping page), in bytes. Default 1 MiB.</summary>
    public long MappingMaxBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body of any other <c>/api/</c> request, in bytes. Default 64 KiB.</summary>
    public long RequestMaxBytes { get; set; } = 64 * 1024;

    /// <summary>Most entries one list or map of a mapping file may hold (e.g. items of <c>dr_import_storages</c>). Default 10,000.</summary>
    public int MappingMaxEntries { get; set; } = 10_000;

    /// <summary>The setting names as an operator writes them in appsettings.json or the environment.</summary>
    public static string Setting(string property) => $"{SectionName}:{property}";
}
