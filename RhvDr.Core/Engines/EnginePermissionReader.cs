using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Engines;

/// <summary>
/// Reads who the console is at an engine and what it may do there, as the API model has it: the user (the API root's
/// <c>authenticated_user</c>, else <c>users?search=usrname=...</c>), its permissions (<c>users/{id}/permissions</c>, which
/// the engine lists with those of the user's groups), and each role's permits (<c>roles/{id}/permits</c>).
/// </summary>
internal static class EnginePermissionReader
{
    public static async Task<EnginePermissionFacts> ReadAsync(IEngineClient client, string? authenticatedUserId, CancellationToken cancellationToken)
    {
        var user = authenticatedUserId is { Length: > 0 } id
            ? await client.GetAsync<OvirtUser>($"users/{Uri.EscapeDataString(id)}", cancellationToken).ConfigureAwait(false)
            : await FindAsync(client, client.Endpoint.Username, cancellationToken).ConfigureAwait(false);
        if (user?.Id is not { Length: > 0 } userId)
        {
            throw new OvirtFaultException("User not found", $"the engine lists no user {client.Endpoint.Username}", System.Net.HttpStatusCode.NotFound, client.Endpoint.DisplayName);
        }

        var permissions = await client.GetListAsync<OvirtPermission>($"users/{Uri.EscapeDataString(userId)}/permissions", cancellationToken).ConfigureAwait(false);
        var roles = new Dictionary<string, (string Name, IReadOnlySet<string> Permits)>(StringComparer.OrdinalIgnoreCase);
        foreach (var roleId in permissions.Select(p => p.Role?.Id).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var role = await client.GetAsync<OvirtRole>($"roles/{Uri.EscapeDataString(roleId)}", cancellationToken).ConfigureAwait(false);
            var permits = await client.GetListAsync<OvirtPermit>($"roles/{Uri.EscapeDataString(roleId)}/permits", cancellationToken).ConfigureAwait(false);
            roles[roleId] = (role.Name ?? roleId, permits.Select(p => p.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase));
        }

        var grants = new List<EngineGrant>();
        var held = new List<(EnginePermissionScope, IReadOnlySet<string>)>();
        foreach (var permission in permissions)
        {
            if (permission.Role?.Id is not { } roleId || !roles.TryGetValue(roleId, out var role))
            {
                continue;
            }
            var (scope, objectId) = ScopeOf(permission);
            // A group's permission names the group, or (as the engine maps it) the group's id as the user.
            var viaGroup = permission.Group is not null || (permission.User?.Id is { } holder && !string.Equals(holder, userId, StringComparison.OrdinalIgnoreCase));
            grants.Add(new EngineGrant(role.Name, scope, objectId, viaGroup));
            held.Add((scope, role.Permits));
        }
        return new EnginePermissionFacts(userId, user.UserName, grants, DrPermits.Missing(held));
    }

    // The engine's search splits usrname at '@' into login name and authz domain; the domain behind profile "internal" is
    // "internal-authz", so the profile is matched as a prefix.
    private static async Task<OvirtUser?> FindAsync(IEngineClient client, string signInName, CancellationToken cancellationToken)
    {
        var at = signInName.LastIndexOf('@');
        var login = at > 0 ? signInName[..at] : signInName;
        var query = at > 0 ? $"usrname={signInName}*" : $"usrname={signInName}";
        var users = await client.SearchAsync<OvirtUser>("users", query, cancellationToken).ConfigureAwait(false);
        return users.FirstOrDefault(u => string.Equals(u.Principal, login, StringComparison.OrdinalIgnoreCase)) ?? (users.Count == 1 ? users[0] : null);
    }

    private static (EnginePermissionScope Scope, string? ObjectId) ScopeOf(OvirtPermission p) =>
        p.DataCenter?.Id is { } dc ? (EnginePermissionScope.DataCenter, dc)
        : p.Cluster?.Id is { } cluster ? (EnginePermissionScope.Cluster, cluster)
        : p.Host?.Id is { } host ? (EnginePermissionScope.Host, host)
        : p.StorageDomain?.Id is { } sd ? (EnginePermissionScope.StorageDomain, sd)
        : p.Vm?.Id is { } vm ? (EnginePermissionScope.Vm, vm)
        : p.VmPool?.Id is { } pool ? (EnginePermissionScope.VmPool, pool)
        : p.Template?.Id is { } template ? (EnginePermissionScope.Template, template)
        : p.Disk?.Id is { } disk ? (EnginePermissionScope.Disk, disk)
        : (EnginePermissionScope.System, null);
}
