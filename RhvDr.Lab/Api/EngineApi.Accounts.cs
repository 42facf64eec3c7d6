using Microsoft.AspNetCore.Http;
using RhvDr.Lab.Resources;
using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Api;

/// <summary>
/// Who may do what: <c>users</c> (searchable by <c>usrname</c>), a user's <c>permissions</c> and <c>roles</c>, <c>roles</c>
/// with their <c>permits</c>, and the authorization <c>domains</c>. The lab reports these; it does not enforce them.
/// </summary>
public sealed partial class EngineApi
{
    private ResourceNode? GetUsers(string[] s, IQueryCollection query)
    {
        if (s.Length == 1)
        {
            return Collection("users", tokens.Accounts, AccountRenderer.User, UserField, query);
        }

        var account = tokens.Accounts.FirstOrDefault(a => a.Id == s[1]) ?? throw EngineFaultException.NotFound("user", s[1]);
        return (s.Length, s.Length > 2 ? s[2] : "") switch
        {
            (2, _) => AccountRenderer.User(account),
            (3, "permissions") => ResourceNode.List("permissions").Add(AccountRenderer.Permission(account)),
            (4, "permissions") when s[3] == account.PermissionId => AccountRenderer.Permission(account),
            (4, "permissions") => throw EngineFaultException.NotFound("permission", s[3]),
            (3, "roles") => ResourceNode.List("roles").Add(AccountRenderer.Role(account.Role)),
            (3, "groups" or "tags" or "sshpublickeys") => ResourceNode.List(s[2] == "sshpublickeys" ? "ssh_public_keys" : s[2]),
            _ => null,
        };
    }

    private static ResourceNode? GetRoles(string[] s, IQueryCollection query)
    {
        if (s.Length == 1)
        {
            return Collection("roles", LabRoles.All, AccountRenderer.Role, (r, f) => f switch
            {
                "name" => [r.Name],
                "id" => [r.Id],
                _ => null,
            }, query);
        }

        var role = LabRoles.Find(s[1]) ?? throw EngineFaultException.NotFound("role", s[1]);
        return (s.Length, s.Length > 2 ? s[2] : "") switch
        {
            (2, _) => AccountRenderer.Role(role),
            (3, "permits") => Collection("permits", role.Permits, p => AccountRenderer.Permit(role, p), (p, f) => f switch
            {
                "name" => [p.Name],
                "id" => [p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                _ => null,
            }, query),
            (4, "permits") => AccountRenderer.Permit(role, role.Permits.FirstOrDefault(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == s[3])
                ?? throw EngineFaultException.NotFound("permit", s[3])),
            _ => null,
        };
    }

    private ResourceNode GetDomains(IQueryCollection query) =>
        Collection("domains", tokens.Accounts.Select(a => a.AuthzDomain).Distinct(StringComparer.OrdinalIgnoreCase), AccountRenderer.Domain, (d, f) => f switch
        {
            "name" => [d],
            "id" => [AccountRenderer.DomainId(d)],
            _ => null,
        }, query);

    // As the engine's search: usrname is user@authz-domain (admin@internal-authz), login the name alone.
    private static IEnumerable<string?>? UserField(LabAccount a, string field) => field switch
    {
        "usrname" => [a.UserName],
        "name" or "login" => [a.Principal],
        "directory" => [a.AuthzDomain],
        "id" => [a.Id],
        _ => null,
    };
}
