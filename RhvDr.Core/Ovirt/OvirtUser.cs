namespace RhvDr.Core.Ovirt;

/// <summary>An engine user (<c>GET users/{id}</c>): <c>user_name</c> is <c>admin@internal-authz</c>, <c>principal</c> the login name.</summary>
public sealed record OvirtUser
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? UserName { get; init; }

    public string? Principal { get; init; }

    public OvirtRef? Domain { get; init; }
}
