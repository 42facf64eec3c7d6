using System.Text.Json;

namespace RhvDr.Lab.Resources;

/// <summary>
/// Renders resources the way the engine's JSON writer does: a collection is <c>{"vm":[...]}</c> (an empty
/// one is <c>{}</c>), nested lists are <c>{"disks":{"disk":[...]}}</c>, booleans and numbers are strings,
/// dates are epoch milliseconds, and <c>link</c> is always an array.
/// </summary>
public static class JsonResourceWriter
{
    public static void Write(Utf8JsonWriter writer, ResourceNode node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(node);
        switch (node.Kind)
        {
            case ResourceNodeKind.List:
                WriteListBody(writer, node);
                break;
            case ResourceNodeKind.Value:
                writer.WriteStartObject();
                WriteProperty(writer, node.Name, [node]);
                writer.WriteEndObject();
                break;
            default:
                WriteObject(writer, node);
                break;
        }
    }

    public static byte[] ToUtf8Bytes(ResourceNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true }))
        {
            Write(writer, node);
        }

        return buffer.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, ResourceNode node)
    {
        writer.WriteStartObject();
        if (node.Href is not null)
        {
            writer.WriteString("href", node.Href);
        }

        if (node.Id is not null)
        {
            writer.WriteString("id", node.Id);
        }

        if (node.Rel is not null)
        {
            writer.WriteString("rel", node.Rel);
        }

        WriteChildren(writer, node.Children);
        writer.WriteEndObject();
    }

    private static void WriteListBody(Utf8JsonWriter writer, ResourceNode list)
    {
        writer.WriteStartObject();
        WriteChildren(writer, list.Children, alwaysArray: true);
        writer.WriteEndObject();
    }

    private static void WriteChildren(Utf8JsonWriter writer, IReadOnlyList<ResourceNode> children, bool alwaysArray = false)
    {
        if (children.Count == 0)
        {
            return;
        }

        // Group by name in first-seen order; most nodes have few children, so a linear scan beats a dictionary.
        var written = new List<string>(children.Count);
        for (var i = 0; i < children.Count; i++)
        {
            var name = children[i].Name;
            if (written.Contains(name))
            {
                continue;
            }

            written.Add(name);
            var group = new List<ResourceNode>();
            for (var j = i; j < children.Count; j++)
            {
                if (string.Equals(children[j].Name, name, StringComparison.Ordinal))
                {
                    group.Add(children[j]);
                }
            }

            WriteProperty(writer, name, group, alwaysArray || name == "link");
        }
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, List<ResourceNode> group, bool asArray = false)
    {
        writer.WritePropertyName(name);
        if (group.Count > 1 || asArray)
        {
            writer.WriteStartArray();
            foreach (var item in group)
            {
                WriteValue(writer, item);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteValue(writer, group[0]);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, ResourceNode node)
    {
        switch (node.Kind)
        {
            case ResourceNodeKind.Value when node.ValueKind == ResourceValueKind.Date:
                writer.WriteRawValue(node.Text ?? "0", skipInputValidation: true);
                break;
            case ResourceNodeKind.Value:
                writer.WriteStringValue(node.Text);
                break;
            case ResourceNodeKind.List:
                WriteListBody(writer, node);
                break;
            default:
                WriteObject(writer, node);
                break;
        }
    }
}
