namespace RhvDr.Core.Security;

/// <summary>A row of <c>engine_credentials</c>: the password is Data Protection ciphertext.</summary>
public sealed record StoredEngineCredential(string Site, string Username, string ProtectedPassword, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public override string ToString() => $"{Site}: {Username}";
}
