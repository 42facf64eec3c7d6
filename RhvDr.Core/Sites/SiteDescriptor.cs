namespace RhvDr.Core.Sites;

/// <summary>A configured site as the rest of the console sees it (never carries credentials).</summary>
/// <param name="Name">Short stable id used in URLs and the API, e.g. <c>primary</c>.</param>
/// <param name="DisplayName">What operators call the site, e.g. <c>Prod (Brno)</c>.</param>
/// <param name="Role">Primary or recovery.</param>
/// <param name="EngineUrl">The engine API base URL, e.g. <c>https://engine1/ovirt-engine/api</c>.</param>
/// <param name="IsEmbedded">True when the console hosts the site's engine itself (a simulated one).</param>
public sealed record SiteDescriptor(string Name, string DisplayName, SiteRole Role, string EngineUrl, bool IsEmbedded);
