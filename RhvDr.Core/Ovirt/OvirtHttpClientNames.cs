namespace RhvDr.Core.Ovirt;

/// <summary>Names of the <see cref="System.Net.Http.IHttpClientFactory"/> clients Core registers.</summary>
public static class OvirtHttpClientNames
{
    /// <summary>The client of one site's engine: its own handler, because each engine has its own TLS trust.</summary>
    public static string ForSite(string site) => $"rhvdr-engine-{site.ToLowerInvariant()}";
}
