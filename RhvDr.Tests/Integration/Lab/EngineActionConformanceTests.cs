using System.Net;
using System.Text;
using System.Xml.Linq;

namespace RhvDr.Tests.Lab;

/// <summary>
/// The lab's actions and faults in the API model's terms: each action route it serves is an action of the model's service,
/// each parameter it reads is one of that action's, and what it answers (the <c>action</c> element, or a <c>fault</c>) uses only
/// the names of the metamodel's Action and Fault.
/// </summary>
public sealed class EngineActionConformanceTests : OwnLabTests
{
    /// <summary>Every action route the lab serves, with the service the model gives it and the parameters the lab reads from its body.</summary>
    public static TheoryData<string, string, string, string[]> LabActions => new()
    {
        { "hosts/{id}/activate", "HostService", "activate", ["async"] },
        { "hosts/{id}/deactivate", "HostService", "deactivate", ["async", "reason"] },
        { "hosts/{id}/fence", "HostService", "fence", ["async", "fence_type"] },
        { "hosts/{id}/iscsilogin", "HostService", "iscsilogin", ["async", "iscsi"] },
        { "storagedomains/{id}/updateovfstore", "StorageDomainService", "updateovfstore", ["async"] },
        { "storagedomains/{id}/refreshluns", "StorageDomainService", "refreshluns", ["async"] },
        { "storagedomains/{id}/vms/{id}/register", "StorageDomainVmService", "register", ["async", "allow_partial_import", "cluster", "reassign_bad_macs", "registration_configuration", "vm"] },
        { "storagedomains/{id}/templates/{id}/register", "StorageDomainTemplateService", "register", ["async", "cluster", "registration_configuration", "template"] },
        { "datacenters/{id}/storagedomains/{id}/activate", "AttachedStorageDomainService", "activate", ["async"] },
        { "datacenters/{id}/storagedomains/{id}/deactivate", "AttachedStorageDomainService", "deactivate", ["async", "force"] },
        { "vms/{id}/start", "VmService", "start", ["async", "use_cloud_init", "vm"] },
        { "vms/{id}/shutdown", "VmService", "shutdown", ["async"] },
        { "vms/{id}/stop", "VmService", "stop", ["async"] },
        { "vms/{id}/migrate", "VmService", "migrate", ["async", "host"] },
    };

    [Theory]
    [MemberData(nameof(LabActions))]
    public void LabAction_AnyRoute_IsAnActionOfTheModelWithTheParametersTheLabReads(string route, string service, string action, string[] parameters)
    {
        // Act
        var model = ApiModelTable.Instance.ActionParameters(service, action);

        // Assert
        Assert.True(model is not null, $"{route}: the model's {service} has no action '{action}'");
        Assert.Empty(parameters.Where(p => !model.Contains(p)).Select(p => $"{route}: '{p}' is not a parameter of {service}.{action}"));
    }

    [Fact]
    public async Task PostActions_StopStartShutdownOvfRefresh_AnswerTheModelsActionElement()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        using var http = client.CreateXmlClient();
        var up = await FirstVmAsync(http, "status%3Dup");
        var sd = (string)(await GetXmlAsync(http, "storagedomains?search=name%3Dscsi_domain")).Element("storage_domain")!.Attribute("id")!;

        // Act
        var answers = new List<(string Path, XElement Answer)>();
        foreach (var path in new[] { $"vms/{up}/stop", $"vms/{up}/start", $"vms/{up}/shutdown", $"storagedomains/{sd}/updateovfstore", $"storagedomains/{sd}/refreshluns" })
        {
            answers.Add((path, await PostXmlAsync(http, path, "<action/>", HttpStatusCode.OK)));
        }

        // Assert
        Assert.All(answers, a =>
        {
            Assert.Equal("action", a.Answer.Name.LocalName);
            Assert.Equal("complete", a.Answer.Element("status")?.Value);
            Assert.Empty(ApiModelTable.Instance.Violations(a.Answer, "Action", a.Path));
        });
    }

    [Fact]
    public async Task PostAction_Async_AnswersPendingActionWithItsJob()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        using var http = client.CreateXmlClient();
        var up = await FirstVmAsync(http, "status%3Dup");

        // Act
        var answer = await PostXmlAsync(http, $"vms/{up}/shutdown", "<action><async>true</async></action>", HttpStatusCode.Accepted);

        // Assert
        Assert.Equal("pending", answer.Element("status")?.Value);
        Assert.NotNull(answer.Element("job")?.Attribute("href"));
        Assert.Empty(ApiModelTable.Instance.Violations(answer, "Action", "shutdown"));
    }

    [Fact]
    public async Task Faults_UnknownPathActionLinkConflictAndNoCredentials_AreTheModelsFaultElement()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        using var http = client.CreateXmlClient();
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
        anonymous.DefaultRequestHeaders.Accept.ParseAdd("application/xml");
        var vm = await FirstVmAsync(http, "status%3Dup");
        var dc = (string)(await GetXmlAsync(http, "datacenters?search=name%3DProd")).Element("data_center")!.Attribute("id")!;
        var master = (string)(await GetXmlAsync(http, "storagedomains?search=name%3Dprimary_master_storage")).Element("storage_domain")!.Attribute("id")!;

        // Act
        var faults = new List<(string What, HttpStatusCode Expected, HttpResponseMessage Response)>
        {
            ("unknown collection", HttpStatusCode.NotFound, await http.GetAsync("gadgets")),
            ("unknown vm", HttpStatusCode.NotFound, await http.GetAsync("vms/00000000-0000-0000-0000-000000000000")),
            ("unknown action", HttpStatusCode.NotFound, await http.PostAsync($"vms/{vm}/levitate", Xml("<action/>"))),
            ("unknown link to follow", HttpStatusCode.BadRequest, await http.GetAsync($"vms/{vm}?follow=gadgets")),
            ("deactivating a master domain VMs run on", HttpStatusCode.Conflict, await http.PostAsync($"datacenters/{dc}/storagedomains/{master}/deactivate", Xml("<action/>"))),
            ("no credentials", HttpStatusCode.Unauthorized, await anonymous.GetAsync("vms")),
        };

        // Assert
        foreach (var (what, expected, response) in faults)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(expected == response.StatusCode, $"{what}: {(int)response.StatusCode} {text}");
                var fault = XDocument.Parse(text).Root!;
                Assert.Equal("fault", fault.Name.LocalName);
                Assert.False(string.IsNullOrWhiteSpace(fault.Element("reason")?.Value), $"{what}: no reason");
                Assert.False(string.IsNullOrWhiteSpace(fault.Element("detail")?.Value), $"{what}: no detail");
                Assert.Empty(ApiModelTable.Instance.Violations(fault, "Fault", what));
            }
        }
    }

    private static StringContent Xml(string body) => new(body, Encoding.UTF8, "application/xml");

    private static async Task<string> FirstVmAsync(HttpClient http, string search) =>
        (string)(await GetXmlAsync(http, $"vms?search={search}&max=1")).Element("vm")!.Attribute("id")!;

    private static async Task<XElement> GetXmlAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text).Root!;
    }

    private static async Task<XElement> PostXmlAsync(HttpClient http, string path, string body, HttpStatusCode expected)
    {
        using var response = await http.PostAsync(path, Xml(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text).Root!;
    }
}
