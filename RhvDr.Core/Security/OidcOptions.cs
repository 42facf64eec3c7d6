namespace RhvDr.Core.Security;

/// <summary>Sign-in through the organisation's OpenID Connect provider (<c>RhvDr:Security:Oidc</c>); off while Authority is empty.</summary>
public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL, e.g. <c>https://sso.example.com/realms/ops</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Secret: never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The button text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Single sign-on";

    /// <summary>The claim that carries the person's groups or roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value → console role, e.g. <c>"dr-operators": "Operator"</c>. A person with no mapped value is refused.</summary>
    public Dictionary<string, Role> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
