using RhvDr.Core.Configuration;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

/// <summary>The one rule that names a site to a person: display name alone, or with its id where the id matters; never doubled.</summary>
public sealed class SiteNameTests
{
    private static readonly SiteDescriptor Prod = Site("primary", "Prod (Brno)");

    [Theory]
    [InlineData("primary", "Prod (Brno)", "Prod (Brno)")]
    [InlineData("primary", "", "primary")]
    [InlineData("primary", "  ", "primary")]
    [InlineData("primary", null, "primary")]
    [InlineData("primary", " Prod ", "Prod")]
    public void Of_DisplayNameOrId_ShowsTheDisplayNameWhenConfigured(string id, string? displayName, string expected)
    {
        Assert.Equal(expected, SiteName.Of(id, displayName));
    }

    [Theory]
    [InlineData("primary", "Prod (Brno)", "Prod (Brno) (primary)")]
    [InlineData("primary", "Prod", "Prod (primary)")]
    [InlineData("primary", null, "primary")]
    [InlineData("primary", "primary", "primary")]
    [InlineData("primary", "Primary", "Primary")]
    [InlineData("primary", "Prod (primary)", "Prod (primary)")]
    [InlineData("recovery", "DR (Recovery)", "DR (Recovery)")]
    public void WithId_IdAddsNothing_ShowsTheNameOnce(string id, string? displayName, string expected)
    {
        Assert.Equal(expected, SiteName.WithId(id, displayName));
    }

    [Fact]
    public void Of_SiteFromOptionsWithoutDisplayName_ShowsTheId()
    {
        var site = new SiteOptions { Name = "recovery", Role = SiteRole.Recovery, EngineUrl = "lab:recovery" }.ToDescriptor();

        Assert.Equal("recovery", SiteName.Of(site));
        Assert.Equal("recovery", SiteName.WithId(site));
    }

    [Fact]
    public void Of_IdAmongSites_DisplayNameOfThatSiteOrTheIdWhenUnknown()
    {
        SiteDescriptor[] sites = [Prod, Site("recovery", "DR (Ostrava)")];

        Assert.Equal("DR (Ostrava)", SiteName.Of(sites, "recovery"));
        Assert.Equal("DR (Ostrava)", SiteName.Of(sites, "RECOVERY"));
        Assert.Equal("Prod (Brno) (primary)", SiteName.WithId(sites, "primary"));
        Assert.Equal("elsewhere", SiteName.Of(sites, "elsewhere"));
        Assert.Equal("elsewhere", SiteName.WithId(sites, "elsewhere"));
    }

    [Fact]
    public void WithId_DisplayNameThatAlreadyNamesTheId_NeverDoubled()
    {
        var site = Site("primary", "Prod (primary)");

        Assert.DoesNotContain("(primary) (primary)", SiteName.WithId(site), StringComparison.Ordinal);
        Assert.Equal("Prod (primary)", SiteName.Of(site));
    }

    private static SiteDescriptor Site(string id, string displayName) => new(id, displayName, id == "primary" ? SiteRole.Primary : SiteRole.Recovery, $"lab:{id}", true);
}
