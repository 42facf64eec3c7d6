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
                writer.WritePropertyName(node.Name);
                WriteValue(writer, node);
                writer.WriteEndObject();
                break;
            default:
                WriteObject(writer, node);
                break;
        }
    }

    /// <summary>The answer's bytes; written in pooled chunks, so a large list (thousands of VMs) regrows no buffer.</summary>
    public static byte[] ToUtf8Bytes(ResourceNode node)
    {
        using var buffer = new PooledChunkWriter();
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
        // Children are grouped by name in first-seen order, without allocating: a name seen before was written with its group.
        for (var i = 0; i < children.Count; i++)
        {
            var name = children[i].Name;
            if (SeenBefore(children, i, name))
            {
                continue;
            }

            var count = 1;
            for (var j = i + 1; j < children.Count; j++)
            {
                if (string.Equals(children[j].Name, name, StringComparison.Ordinal))
                {
                    count++;
                }
            }

            writer.WritePropertyName(name);
            if (count == 1 && !alwaysArray && name != "link")
            {
                WriteValue(writer, children[i]);
                continue;
            }

            writer.WriteStartArray();
            for (var j = i; j < children.Count; j++)
            {
                if (string.Equals(children[j].Name, name, StringComparison.Ordinal))
                {
                    WriteValue(writer, children[j]);
                }
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>Whether a child before <paramref name="index"/> has this name; a list's items all share the first one's, so that scan stops at once.</summary>
    private static bool SeenBefore(IReadOnlyList<ResourceNode> children, int index, string name)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(children[j].Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
