namespace RhvDr.Core.Sites;

/// <summary>
/// The one rule for naming a site to a person. Everywhere a human reads, a site is its display name (<c>Prod</c>); where the
/// id matters too (the id an operator types to confirm a run, the mapping, configuration hints), it is <c>Prod (primary)</c>.
/// A display name that is not configured, equals the id, or already ends in "(id)" is shown once, never doubled.
/// </summary>
public static class SiteName
{
    /// <summary>The display name, or the id when none is configured.</summary>
    public static string Of(SiteDescriptor site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Of(site.Name, site.DisplayName);
    }

    /// <inheritdoc cref="Of(SiteDescriptor)"/>
    public static string Of(string id, string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) ? id.Trim() : displayName.Trim();

    /// <summary>The display name of the site with id <paramref name="id"/> among <paramref name="sites"/>; the id for a site not configured.</summary>
    public static string Of(IEnumerable<SiteDescriptor> sites, string id)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var site = sites.FirstOrDefault(s => string.Equals(s.Name, id, StringComparison.OrdinalIgnoreCase));
        return site is null ? id : Of(site);
    }

    /// <summary>"Display name (id)", or the name once when the id adds nothing.</summary>
    public static string WithId(SiteDescriptor site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return WithId(site.Name, site.DisplayName);
    }

    /// <inheritdoc cref="WithId(SiteDescriptor)"/>
    public static string WithId(string id, string? displayName)
    {
        var name = Of(id, displayName);
        var key = id.Trim();
        return string.Equals(name, key, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith($"({key})", StringComparison.OrdinalIgnoreCase)
            ? name
            : $"{name} ({key})";
    }

    /// <summary>"Display name (id)" of the site with id <paramref name="id"/> among <paramref name="sites"/>; the id for a site not configured.</summary>
    public static string WithId(IEnumerable<SiteDescriptor> sites, string id)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var site = sites.FirstOrDefault(s => string.Equals(s.Name, id, StringComparison.OrdinalIgnoreCase));
        return site is null ? id : WithId(site);
    }
}
