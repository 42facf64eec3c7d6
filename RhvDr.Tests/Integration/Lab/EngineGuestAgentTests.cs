using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace RhvDr.Tests.Lab;

/// <summary>
/// The simulated guest agent and cloud-init over HTTP, in the model's terms: <c>/vms/{id}/reporteddevices</c> and
/// <c>follow=reported_devices</c> list each guest interface with its MAC and <c>ips</c>; a start with <c>use_cloud_init</c>
/// and <c>vm.initialization</c> changes what the guest reports, and a bad initialization is refused with a fault.
/// </summary>
public sealed class EngineGuestAgentTests : OwnLabTests
{
    [Fact]
    public async Task ReportedDevices_UpVmWithAgent_EachGuestInterfaceWithMacAndAddressInTheModelsShape()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        using var xml = client.CreateXmlClient();
        var vm = await UpVmAsync(client, withAgent: true);

        // Act
        var devices = await GetXmlAsync(xml, $"vms/{vm.GetProperty("id").GetString()}/reporteddevices");

        // Assert
        Assert.Equal("reported_devices", devices.Name.LocalName);
        var device = devices.Elements("reported_device").First();
        Assert.Equal("eth0", device.Element("name")?.Value);
        Assert.Equal("network", device.Element("type")?.Value);
        Assert.Matches(@"^10\.10\.(100|200)\.\d+$", device.Element("ips")?.Element("ip")?.Element("address")?.Value ?? "");
        Assert.False(string.IsNullOrEmpty(device.Element("mac")?.Element("address")?.Value));
        Assert.Empty(ApiModelTable.Instance.Violations(device, "ReportedDevice", "reporteddevices"));
    }

    [Fact]
    public async Task ReportedDevices_UpVmWithoutAgent_EmptyList()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        var vm = await UpVmAsync(client, withAgent: false);

        // Act
        var devices = await client.ListAsync($"vms/{vm.GetProperty("id").GetString()}/reporteddevices", "reported_device");

        // Assert
        Assert.Empty(devices);
    }

    [Fact]
    public async Task ListVms_FollowReportedDevices_EachVmCarriesItsDevicesInOneAnswer()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");

        // Act
        var vms = await client.ListAsync("vms?search=status%3Dup&follow=reported_devices", "vm");

        // Assert
        var withAgent = vms.Where(v => HasAgent(v.GetProperty("name").GetString()!)).ToList();
        Assert.NotEmpty(withAgent);
        Assert.All(withAgent, v =>
        {
            var device = LabTestClient.Items(v.GetProperty("reported_devices"), "reported_device")[0];
            Assert.Equal("network", device.GetProperty("type").GetString());
            Assert.NotEmpty(LabTestClient.Items(device.GetProperty("ips"), "ip"));
        });
        Assert.All(vms.Where(v => !HasAgent(v.GetProperty("name").GetString()!)), v => Assert.Empty(LabTestClient.Items(v.GetProperty("reported_devices"), "reported_device")));
    }

    [Fact]
    public async Task Start_UseCloudInitWithInitialization_GuestReportsTheNewAddressAndKeepsItsMac()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        var vm = await UpVmAsync(client, withAgent: true);
        var id = vm.GetProperty("id").GetString()!;
        var mac = LabTestClient.Items(await client.GetAsync($"vms/{id}/reporteddevices"), "reported_device")[0].GetProperty("mac").GetProperty("address").GetString();
        await client.PostAsync($"vms/{id}/stop");

        // Act
        await client.PostAsync($"vms/{id}/start", CloudInitBody("10.20.100.77"));

        // Assert
        var device = LabTestClient.Items(await client.GetAsync($"vms/{id}/reporteddevices"), "reported_device")[0];
        var ip = LabTestClient.Items(device.GetProperty("ips"), "ip")[0];
        Assert.Equal("10.20.100.77", ip.GetProperty("address").GetString());
        Assert.Equal("10.20.100.1", ip.GetProperty("gateway").GetString());
        Assert.Equal(mac, device.GetProperty("mac").GetProperty("address").GetString());
    }

    [Fact]
    public async Task Start_BadInitializationAddress_FaultNamesTheFieldAndTheVmStaysDown()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        var id = (await UpVmAsync(client, withAgent: true)).GetProperty("id").GetString()!;
        await client.PostAsync($"vms/{id}/stop");

        // Act
        var (status, fault) = await client.SendAsync(HttpMethod.Post, $"vms/{id}/start", CloudInitBody("10.20.300.7"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Operation Failed", fault.GetProperty("reason").GetString());
        Assert.Contains("nic_configurations[0].ip.address", fault.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("down", (await client.GetAsync($"vms/{id}")).GetProperty("status").GetString());
    }

    /// <summary>The lab gives no guest agent to the primary VMs whose number ends in 7 (prod-web-017).</summary>
    private static bool HasAgent(string name) => int.Parse(name[^3..], CultureInfo.InvariantCulture) % 10 != 7;

    private static async Task<JsonElement> UpVmAsync(LabTestClient client, bool withAgent)
    {
        var vms = await client.ListAsync("vms?search=status%3Dup", "vm");
        return vms.First(v => v.GetProperty("name").GetString()!.StartsWith("prod-", StringComparison.Ordinal) && HasAgent(v.GetProperty("name").GetString()!) == withAgent
            && !v.GetProperty("os").GetProperty("type").GetString()!.StartsWith("windows", StringComparison.Ordinal));
    }

    private static string CloudInitBody(string address) => JsonSerializer.Serialize(new
    {
        use_cloud_init = true,
        vm = new
        {
            initialization = new
            {
                nic_configurations = new { nic_configuration = new[] { new { name = "eth0", boot_protocol = "static", on_boot = true, ip = new { address, netmask = "255.255.255.0", gateway = "10.20.100.1" } } } },
                dns_servers = "10.20.0.53",
            },
        },
    });

    private static async Task<XElement> GetXmlAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text).Root!;
    }
}
