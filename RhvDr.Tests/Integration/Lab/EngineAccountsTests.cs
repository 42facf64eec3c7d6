using System.Net.Http.Headers;
using System.Xml.Linq;

namespace RhvDr.Tests.Lab;

/// <summary>The lab answers who is signed in and what they may do with the oVirt API model's names, in JSON and in XML.</summary>
public sealed class EngineAccountsTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private const string SuperUserRoleId = "00000000-0000-0000-0000-000000000001";
    private const string UserRoleId = "00000000-0000-0000-0001-000000000001";

    [Fact]
    public async Task Users_Json_EachWithUserNamePrincipalAndDomain()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        var users = await client.ListAsync("users", "user");

        Assert.Equal(["admin@internal-authz", "readonly@internal-authz"], users.Select(u => u.GetProperty("user_name").GetString()));
        var admin = users[0];
        Assert.Equal("admin", admin.GetProperty("principal").GetString());
        Assert.Equal("internal-authz", admin.GetProperty("domain").GetProperty("name").GetString());
        Assert.Equal($"/ovirt-engine/api/users/{admin.GetProperty("id").GetString()}", admin.GetProperty("href").GetString());
        Assert.Contains(admin.GetProperty("link").EnumerateArray(), l => l.GetProperty("rel").GetString() == "permissions");
    }

    [Fact]
    public async Task Users_SearchUsrnameWithProfilePrefix_FindsThatUserOnly()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        var found = await client.ListAsync($"users?search={Uri.EscapeDataString("usrname=readonly@internal*")}", "user");

        Assert.Equal("readonly", Assert.Single(found).GetProperty("principal").GetString());
    }

    [Fact]
    public async Task ApiRoot_EachUser_NamesThatUserAsAuthenticatedUser()
    {
        using var admin = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        using var reader = await LoginAsReadOnlyAsync();
        var users = await admin.ListAsync("users", "user");

        var adminRoot = await admin.GetAsync("");
        var readerRoot = await reader.GetAsync("");

        Assert.Equal(users[0].GetProperty("id").GetString(), adminRoot.GetProperty("authenticated_user").GetProperty("id").GetString());
        Assert.Equal(users[1].GetProperty("id").GetString(), readerRoot.GetProperty("authenticated_user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Permissions_Admin_SuperUserOnTheSystem()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var adminId = (await client.GetAsync("")).GetProperty("authenticated_user").GetProperty("id").GetString();

        var permission = Assert.Single(await client.ListAsync($"users/{adminId}/permissions", "permission"));

        Assert.Equal(SuperUserRoleId, permission.GetProperty("role").GetProperty("id").GetString());
        Assert.Equal(adminId, permission.GetProperty("user").GetProperty("id").GetString());
        // On the system: no data center, cluster, host or storage domain named.
        Assert.False(permission.TryGetProperty("data_center", out _));
        Assert.False(permission.TryGetProperty("storage_domain", out _));
    }

    [Fact]
    public async Task Permits_Json_NamesAdministrativeAndRole()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        var permits = await client.ListAsync($"roles/{SuperUserRoleId}/permits", "permit");
        var userRole = await client.ListAsync($"roles/{UserRoleId}/permits", "permit");

        var create = Assert.Single(permits, p => p.GetProperty("name").GetString() == "create_storage_domain");
        Assert.Equal("600", create.GetProperty("id").GetString());
        Assert.Equal("true", create.GetProperty("administrative").GetString());
        Assert.Equal(SuperUserRoleId, create.GetProperty("role").GetProperty("id").GetString());
        Assert.Equal($"/ovirt-engine/api/roles/{SuperUserRoleId}/permits/600", create.GetProperty("href").GetString());
        Assert.Equal("false", Assert.Single(permits, p => p.GetProperty("name").GetString() == "run_vm").GetProperty("administrative").GetString());
        Assert.Contains(userRole, p => p.GetProperty("name").GetString() == "run_vm");
        Assert.DoesNotContain(userRole, p => p.GetProperty("name").GetString() == "create_storage_domain");
    }

    [Fact]
    public async Task RoleAndPermits_Xml_ModelElementsAndAttributes()
    {
        using var http = await XmlClientAsync();

        var role = XDocument.Parse(await http.GetStringAsync($"roles/{SuperUserRoleId}")).Root!;
        var permits = XDocument.Parse(await http.GetStringAsync($"roles/{SuperUserRoleId}/permits")).Root!;

        Assert.Equal("role", role.Name.LocalName);
        Assert.Equal(SuperUserRoleId, (string?)role.Attribute("id"));
        Assert.Equal("SuperUser", role.Element("name")!.Value);
        Assert.Equal("true", role.Element("administrative")!.Value);
        Assert.Equal($"/ovirt-engine/api/roles/{SuperUserRoleId}/permits", (string?)role.Elements("link").Single(l => (string?)l.Attribute("rel") == "permits").Attribute("href"));
        Assert.Equal("permits", permits.Name.LocalName);
        var manipulate = permits.Elements("permit").Single(p => p.Element("name")!.Value == "manipulate_storage_domain");
        Assert.Equal("603", (string?)manipulate.Attribute("id"));
        Assert.Equal($"/ovirt-engine/api/roles/{SuperUserRoleId}/permits/603", (string?)manipulate.Attribute("href"));
        Assert.Equal("true", manipulate.Element("administrative")!.Value);
        Assert.Equal(SuperUserRoleId, (string?)manipulate.Element("role")!.Attribute("id"));
    }

    [Fact]
    public async Task Users_Xml_ModelElementsAndAttributes()
    {
        using var http = await XmlClientAsync();

        var users = XDocument.Parse(await http.GetStringAsync("users")).Root!;

        Assert.Equal("users", users.Name.LocalName);
        var admin = users.Elements("user").First();
        Assert.NotNull(admin.Attribute("id"));
        Assert.Equal("admin@internal-authz", admin.Element("user_name")!.Value);
        Assert.Equal("admin", admin.Element("principal")!.Value);
        Assert.Equal("internal-authz", admin.Element("domain")!.Element("name")!.Value);
        Assert.NotNull(admin.Element("domain")!.Attribute("id"));
    }

    private async Task<LabTestClient> LoginAsReadOnlyAsync()
    {
        var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var token = await LabTestClient.RequestTokenAsync(client.Http, fixture.Lab.ReadOnlyUser, fixture.Lab.ReadOnlyPassword);
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    private async Task<HttpClient> XmlClientAsync()
    {
        using var json = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        return json.CreateXmlClient();
    }
}
