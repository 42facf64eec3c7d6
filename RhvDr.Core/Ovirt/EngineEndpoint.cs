namespace RhvDr.Core.Ovirt;

/// <summary>Where and as whom the console talks to one engine.</summary>
/// <param name="ApiUrl">The API base, e.g. <c>https://engine1/ovirt-engine/api</c>.</param>
/// <param name="Password">Secret: never logged; excluded from <see cref="ToString"/>.</param>
public sealed record EngineEndpoint(Uri ApiUrl, string Username, string Password, EngineTlsOptions Tls)
{
    /// <summary>The engine's root (scheme, host, port and any prefix before <c>/ovirt-engine</c>); SSO lives under it.</summary>
    public Uri EngineRoot
    {
        get
        {
            var path = ApiUrl.AbsolutePath.TrimEnd('/');
            var index = path.LastIndexOf("/ovirt-engine", StringComparison.OrdinalIgnoreCase);
            var prefix = index >= 0 ? path[..index] : "";
            return new Uri(ApiUrl, prefix + "/");
        }
    }

    /// <summary>The SSO token endpoint derived from the API URL.</summary>
    public Uri TokenUrl => new(EngineRoot, "ovirt-engine/sso/oauth/token");

    /// <summary>How messages name the engine: its host and port.</summary>
    public string DisplayName => ApiUrl.IsDefaultPort ? ApiUrl.Host : $"{ApiUrl.Host}:{ApiUrl.Port}";

    // Records print every member by default; the password must never reach a log.
    public override string ToString() => $"{ApiUrl} as {Username}";
}
