using System.Globalization;
using System.Text;
using System.Xml;

namespace RhvDr.Lab.Resources;

/// <summary>Renders resources as the engine's XML, the API's default format: element names from the API model, href/id as attributes.</summary>
public static class XmlResourceWriter
{
    public static byte[] ToUtf8Bytes(ResourceNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, OmitXmlDeclaration = true };
        var declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"u8;
        buffer.Write(declaration);
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            Write(writer, node);
        }

        return buffer.ToArray();
    }

    public static void Write(XmlWriter writer, ResourceNode node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(node);
        writer.WriteStartElement(node.Name);
        if (node.Href is not null)
        {
            writer.WriteAttributeString("href", node.Href);
        }

        if (node.Id is not null)
        {
            writer.WriteAttributeString("id", node.Id);
        }

        if (node.Rel is not null)
        {
            writer.WriteAttributeString("rel", node.Rel);
        }

        if (node.Kind == ResourceNodeKind.Value)
        {
            writer.WriteString(node.ValueKind == ResourceValueKind.Date ? FormatDate(node.Text) : node.Text);
        }
        else
        {
            foreach (var child in node.Children)
            {
                Write(writer, child);
            }
        }

        writer.WriteEndElement();
    }

    private static string FormatDate(string? epochMilliseconds)
    {
        var ms = long.Parse(epochMilliseconds ?? "0", CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
    }
}
