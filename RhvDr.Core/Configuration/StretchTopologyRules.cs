using System.Text.RegularExpressions;

namespace RhvDr.Core.Configuration;

/// <summary>Active/Active configuration rules: one engine for both sites, and a way to tell each site's hosts apart.</summary>
public static class StretchTopologyRules
{
    private const string Section = RhvDrOptions.SectionName;

    public static void Validate(IReadOnlyList<SiteOptions> sites, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(failures);
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            var key = $"{Section}:Sites:{i}";
            if (string.IsNullOrWhiteSpace(site.AffinityLabel) && string.IsNullOrWhiteSpace(site.HostPattern))
            {
                failures.Add($"{key}: Topology ActiveActive needs {key}:AffinityLabel (e.g. site_{site.Name}) or {key}:HostPattern (e.g. ^host-{site.Name}-) to tell this site's hosts apart");
            }
            if (!string.IsNullOrWhiteSpace(site.HostPattern) && !IsValidPattern(site.HostPattern))
            {
                failures.Add($"{key}:HostPattern '{site.HostPattern}' is not a valid regular expression");
            }
            if (i > 0 && !string.Equals(site.EngineUrl.Trim(), sites[0].EngineUrl.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{key}:EngineUrl '{site.EngineUrl}' differs from {Section}:Sites:0:EngineUrl '{sites[0].EngineUrl}'; with Topology ActiveActive one engine manages both sites, so give them the same EngineUrl");
            }
        }
    }

    private static bool IsValidPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
