namespace RhvDr.Tests.Browser;

/// <summary>
/// Browser tests that read pages: one Chromium, one test after another. They run beside <see cref="RunBrowserCollection"/>,
/// whose tests mostly wait on runs in the lab, so the two lanes share the machine's cores instead of queuing behind each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Browser";
}

/// <summary>Browser tests that drive runs and outages through the lab: their own Chromium, one test after another.</summary>
[CollectionDefinition(Name)]
public sealed class RunBrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Browser runs";
}
