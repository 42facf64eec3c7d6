namespace RhvDr.Core.Security;

/// <summary>An API token as the console shows it: never the token itself, only its first characters.</summary>
public sealed record ApiTokenInfo(
    long Id,
    string Name,
    Role Role,
    string Prefix,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    DateTimeOffset? LastUsedAt)
{
    public bool Revoked => RevokedAt is not null;
}
