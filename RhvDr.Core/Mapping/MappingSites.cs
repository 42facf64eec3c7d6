using RhvDr.Core.Configuration;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Mapping;

/// <summary>Which configured site is the mapping's primary and which its secondary (the recovery site).</summary>
public sealed record MappingSites(SiteOptions Primary, SiteOptions Secondary)
{
    /// <summary>Both engines are hosted by the console itself: a disposable estate whose mapping the console may write unasked.</summary>
    public bool AreEmbedded => Primary.IsEmbedded && Secondary.IsEmbedded;

    public SiteOptions Site(MappingSide side) => side == MappingSide.Primary ? Primary : Secondary;

    /// <summary>The sites by role; the options validator has already made sure there is one of each.</summary>
    public static MappingSites From(RhvDrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var primary = options.Sites.FirstOrDefault(s => s.Role == SiteRole.Primary)
            ?? throw new MappingUnavailableException("No site has Role 'Primary' in RhvDr:Sites; the mapping needs one primary and one recovery site.");
        var secondary = options.Sites.FirstOrDefault(s => s.Role == SiteRole.Recovery)
            ?? throw new MappingUnavailableException("No site has Role 'Recovery' in RhvDr:Sites; the mapping needs one primary and one recovery site.");
        return new MappingSites(primary, secondary);
    }

    /// <summary>How the exported file reaches the site's engine (the password is never written).</summary>
    public SiteRef Ref(MappingSide side)
    {
        var site = Site(side);
        return new SiteRef(site.EngineUrl, string.IsNullOrWhiteSpace(site.Username) ? null : site.Username, site.CaFile);
    }
}
