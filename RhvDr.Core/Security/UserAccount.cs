namespace RhvDr.Core.Security;

/// <summary>A person who signs in to the console: a local account (with a password hash) or one from the identity provider.</summary>
public sealed record UserAccount
{
    public long Id { get; init; }

    public required string Username { get; init; }

    public string? DisplayName { get; init; }

    public required Role Role { get; init; }

    /// <summary>ASP.NET Core Identity's password hash; null for accounts from the identity provider.</summary>
    public string? PasswordHash { get; init; }

    /// <summary>Signs in through OpenID Connect; has no password here.</summary>
    public bool External { get; init; }

    public bool Disabled { get; init; }

    public int FailedCount { get; init; }

    public DateTimeOffset? LockoutEnd { get; init; }

    /// <summary>Changes whenever role, password or state changes, so open sessions of the old account end.</summary>
    public required string Stamp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastSignInAt { get; init; }

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    // The hash must not reach logs through a printed record.
    public override string ToString() => $"{Username} ({Role}{(Disabled ? ", disabled" : "")})";
}
