namespace RhvDr.Core.Sites;

/// <summary>The part a site plays in the DR pair.</summary>
public enum SiteRole
{
    Primary,
    Recovery,
}
