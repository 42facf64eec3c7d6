namespace RhvDr.Core.Mapping;

/// <summary>
/// How to reach a site's engine (<c>dr_sites_{side}_url</c>, <c>_username</c>, <c>_ca_file</c>).
/// The password is deliberately absent: credentials live in the console's secret store, never in the mapping.
/// </summary>
public sealed record SiteRef(string? Url, string? Username, string? CaFile)
{
    public static SiteRef Empty { get; } = new(null, null, null);
}
