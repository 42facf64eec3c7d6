using System.Text.Json;
using System.Xml.Linq;

namespace RhvDr.Lab.Resources;

/// <summary>
/// Reads a request body (JSON or XML) into the same node tree the writers use, so an action handler reads
/// <c>body.TextAt("host", "name")</c> whatever the client sent. JSON arrays become repeated children, as in XML.
/// </summary>
public static class ResourceBodyReader
{
    public static ResourceNode Read(string body, string? contentType)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.IsEmpty)
        {
            return ResourceNode.Element("action");
        }

        var isXml = trimmed[0] == '<' || (contentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) ?? false);
        return isXml ? ReadXml(body) : ReadJson(body);
    }

    private static ResourceNode ReadJson(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = ResourceNode.Element("action");
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            FillObject(root, document.RootElement);
        }

        return root;
    }

    private static void FillObject(ResourceNode node, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && property.Name is "id" or "href")
            {
                if (property.Name == "id")
                {
                    node.Id = property.Value.ToString();
                }
                else
                {
                    node.Href = property.Value.ToString();
                }

                continue;
            }

            AddJson(node, property.Name, property.Value);
        }
    }

    private static void AddJson(ResourceNode parent, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var child = ResourceNode.Element(name);
                FillObject(child, value);
                parent.Add(child);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    AddJson(parent, name, item);
                }

                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                parent.Add(name, value.GetBoolean());
                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            default:
                parent.Add(name, value.ToString());
                break;
        }
    }

    private static ResourceNode ReadXml(string body)
    {
        var document = XDocument.Parse(body);
        return document.Root is null ? ResourceNode.Element("action") : FromXml(document.Root);
    }

    private static ResourceNode FromXml(XElement element)
    {
        if (!element.HasElements && !element.HasAttributes)
        {
            return ResourceNode.Value(element.Name.LocalName, element.Value);
        }

        var node = ResourceNode.Element(element.Name.LocalName, (string?)element.Attribute("href"), (string?)element.Attribute("id"));
        foreach (var child in element.Elements())
        {
            node.Add(FromXml(child));
        }

        return node;
    }
}
