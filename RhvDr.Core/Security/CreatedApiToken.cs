namespace RhvDr.Core.Security;

/// <summary>A new token: <see cref="Token"/> is shown once, to the administrator who created it, and never stored.</summary>
public sealed record CreatedApiToken(ApiTokenInfo Info, string Token)
{
    public override string ToString() => $"{Info.Name} ({Info.Role}) {Info.Prefix}…";
}
