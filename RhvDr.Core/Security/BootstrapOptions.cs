namespace RhvDr.Core.Security;

/// <summary>
/// What an empty database starts with (<c>RhvDr:Bootstrap</c>): an administrator account and an administrator API token.
/// Read only while there are no users (or no tokens); after that, changes happen in the console.
/// </summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "RhvDr:Bootstrap";

    public string? AdminUser { get; set; }

    /// <summary>Secret: never logged; hashed before it is stored.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Secret: an administrator API token for CI and scripts; hashed before it is stored.</summary>
    public string? ApiToken { get; set; }

    public override string ToString() => $"AdminUser={AdminUser}";
}
