namespace RhvDr.Lab.Api;

/// <summary>
/// A user of a lab engine: the name it signs in with (<c>admin@internal</c>: login name and profile), its password, and
/// the one permission it holds, <see cref="Role"/> on the whole system.
/// </summary>
/// <param name="Password">Secret: excluded from <see cref="ToString"/>.</param>
public sealed record LabAccount(string Id, string SignInName, string Password, LabRole Role, string PermissionId)
{
    /// <summary>The login name without the profile: <c>admin</c>.</summary>
    public string Principal => SignInName.Split('@', 2)[0];

    /// <summary>The sign-in profile: <c>internal</c>.</summary>
    public string Profile => SignInName.Split('@', 2) is [_, var profile] && profile.Length > 0 ? profile : "internal";

    /// <summary>The authorization domain behind the profile, as the engine names it: <c>internal-authz</c>.</summary>
    public string AuthzDomain => Profile + "-authz";

    /// <summary>How the engine writes the user's name: <c>admin@internal-authz</c>.</summary>
    public string UserName => $"{Principal}@{AuthzDomain}";

    public bool Matches(string? signInName) => string.Equals(signInName, SignInName, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{SignInName} ({Role.Name})";
}
