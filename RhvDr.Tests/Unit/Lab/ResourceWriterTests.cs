using System.Text;
using RhvDr.Lab.Resources;

namespace RhvDr.Tests.Lab;

public sealed class ResourceWriterTests
{
    private static ResourceNode SampleVm() =>
        ResourceNode.Element("vm", "/ovirt-engine/api/vms/1", "1")
            .Add("name", "web-01")
            .Add("memory", 1024L)
            .Add("delete_protected", false)
            .Add("creation_time", DateTimeOffset.FromUnixTimeMilliseconds(1_500_000_000_000))
            .Add(ResourceNode.List("storage_domains").Add(ResourceNode.Element("storage_domain", "/ovirt-engine/api/storagedomains/9", "9")));

    [Fact]
    public void Json_Element_StringScalarsEpochDatesNestedList()
    {
        var json = Encoding.UTF8.GetString(JsonResourceWriter.ToUtf8Bytes(SampleVm()));

        Assert.Equal(
            """{"href":"/ovirt-engine/api/vms/1","id":"1","name":"web-01","memory":"1024","delete_protected":"false","creation_time":1500000000000,"storage_domains":{"storage_domain":[{"href":"/ovirt-engine/api/storagedomains/9","id":"9"}]}}""",
            json);
    }

    [Fact]
    public void Json_EmptyCollection_IsEmptyObject()
    {
        var json = Encoding.UTF8.GetString(JsonResourceWriter.ToUtf8Bytes(ResourceNode.List("vms")));

        Assert.Equal("{}", json);
    }

    [Fact]
    public void Xml_Element_AttributesAndIsoDates()
    {
        var xml = Encoding.UTF8.GetString(XmlResourceWriter.ToUtf8Bytes(SampleVm()));

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", xml, StringComparison.Ordinal);
        Assert.Contains("<vm href=\"/ovirt-engine/api/vms/1\" id=\"1\">", xml, StringComparison.Ordinal);
        Assert.Contains("<creation_time>2017-07-14T02:40:00.000+00:00</creation_time>", xml, StringComparison.Ordinal);
        Assert.Contains("<storage_domains>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyReader_JsonAndXml_ReadTheSameTree()
    {
        var fromJson = ResourceBodyReader.Read("""{"cluster":{"name":"c1"},"registration_configuration":{"cluster_mappings":{"registration_cluster_mapping":[{"from":{"name":"a"},"to":{"name":"b"}}]}}}""", "application/json");
        var fromXml = ResourceBodyReader.Read("<action><cluster><name>c1</name></cluster><registration_configuration><cluster_mappings><registration_cluster_mapping><from><name>a</name></from><to><name>b</name></to></registration_cluster_mapping></cluster_mappings></registration_configuration></action>", "application/xml");

        foreach (var body in new[] { fromJson, fromXml })
        {
            Assert.Equal("c1", body.TextAt("cluster", "name"));
            var mapping = Assert.Single(body.NodeAt("registration_configuration", "cluster_mappings")!.ChildrenNamed("registration_cluster_mapping"));
            Assert.Equal("b", mapping.TextAt("to", "name"));
        }
    }
}
