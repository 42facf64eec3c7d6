using System.Text;
using RhvDr.Lab.Resources;

namespace RhvDr.Lab.Api;

/// <summary>Renders users, their permissions, roles and permits with the element names of the oVirt API model.</summary>
public static class AccountRenderer
{
    private const string Base = ApiPaths.Base;

    public static ResourceNode User(LabAccount account)
    {
        var href = $"{Base}/users/{account.Id}";
        return ResourceNode.Element("user", href, account.Id)
            .Add("name", account.Principal)
            .Add("domain_entry_id", Hex(account.Principal))
            .Add("namespace", "*")
            .Add("principal", account.Principal)
            .Add("user_name", account.UserName)
            .Add(Domain(account.AuthzDomain))
            .Add(ResourceNode.Link($"{href}/groups", "groups"))
            .Add(ResourceNode.Link($"{href}/permissions", "permissions"))
            .Add(ResourceNode.Link($"{href}/roles", "roles"))
            .Add(ResourceNode.Link($"{href}/sshpublickeys", "sshpublickeys"))
            .Add(ResourceNode.Link($"{href}/tags", "tags"));
    }

    /// <summary>
    /// The user's one permission: its role on the whole system. A system-wide permission names no object; one on a data
    /// center, cluster, host or storage domain would carry that object's element.
    /// </summary>
    public static ResourceNode Permission(LabAccount account) =>
        ResourceNode.Element("permission", $"{Base}/users/{account.Id}/permissions/{account.PermissionId}", account.PermissionId)
            .AddRef("role", "roles", account.Role.Id)
            .AddRef("user", "users", account.Id);

    public static ResourceNode Role(LabRole role) =>
        ResourceNode.Element("role", $"{Base}/roles/{role.Id}", role.Id)
            .Add("name", role.Name)
            .Add("description", role.Description)
            .Add("administrative", role.Administrative)
            .Add("mutable", false)
            .Add(ResourceNode.Link($"{Base}/roles/{role.Id}/permits", "permits"));

    public static ResourceNode Permit(LabRole role, LabPermit permit)
    {
        var id = permit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ResourceNode.Element("permit", $"{Base}/roles/{role.Id}/permits/{id}", id)
            .Add("name", permit.Name)
            .Add("administrative", permit.Administrative)
            .AddRef("role", "roles", role.Id);
    }

    /// <summary>An authorization domain; the engine's id of a domain is its name in hex.</summary>
    public static ResourceNode Domain(string name)
    {
        var id = DomainId(name);
        return ResourceNode.Element("domain", $"{Base}/domains/{id}", id).Add("name", name);
    }

    public static string DomainId(string name) => Hex(name);

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));
}
