using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;

namespace RhvDr.Tests.Lab;

public sealed class EngineXmlTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private async Task<HttpClient> XmlClientAsync()
    {
        using var json = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        return json.CreateXmlClient();
    }

    [Fact]
    public async Task GetVm_Xml_RendersModelElementsAndAttributes()
    {
        // Arrange
        using var http = await XmlClientAsync();

        // Act
        var xml = XDocument.Parse(await http.GetStringAsync("vms?max=1"));

        // Assert
        Assert.Equal("vms", xml.Root!.Name.LocalName);
        var vm = Assert.Single(xml.Root.Elements("vm"));
        Assert.StartsWith("/ovirt-engine/api/vms/", (string?)vm.Attribute("href"), StringComparison.Ordinal);
        Assert.NotNull(vm.Attribute("id"));
        Assert.False(string.IsNullOrEmpty(vm.Element("name")?.Value));
        Assert.Contains(vm.Element("high_availability")!.Element("enabled")!.Value, new[] { "true", "false" });
        Assert.NotNull(vm.Element("cluster")!.Attribute("id"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT", vm.Element("creation_time")!.Value);
    }

    [Fact]
    public async Task GetUnknownVm_Xml_Returns404Fault()
    {
        // Arrange
        using var http = await XmlClientAsync();

        // Act
        using var response = await http.GetAsync("vms/00000000-1111-2222-3333-444444444444");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("fault", xml.Root!.Name.LocalName);
        Assert.Equal("Operation Failed", xml.Root.Element("reason")!.Value);
        Assert.Contains("00000000-1111-2222-3333-444444444444", xml.Root.Element("detail")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWithoutAccept_DefaultsToXml()
    {
        // Arrange
        var site = fixture.Lab.Site("primary");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{site.Username}:{site.Password}")));

        // Act
        using var response = await http.GetAsync(site.EngineUrl + "/datacenters");

        // Assert
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Prod", xml.Root!.Element("data_center")!.Element("name")!.Value);
    }
}
