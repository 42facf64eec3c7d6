using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>Reads <c>{"name": [...]}</c>, a bare array, <c>{}</c> or null into an <see cref="OvirtCollection{T}"/>.</summary>
public sealed class OvirtCollectionConverter<T> : JsonConverter<OvirtCollection<T>>
{
    public override bool HandleNull => true;

    public override OvirtCollection<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return OvirtCollection<T>.Empty;
            case JsonTokenType.StartArray:
                return new OvirtCollection<T>(ReadItems(ref reader, options));
            case JsonTokenType.StartObject:
                List<T>? items = null;
                string? firstKey = null;
                string? itemsKey = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString();
                    firstKey ??= key;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray && items is null)
                    {
                        itemsKey = key;
                        items = Under(key, ref reader, options, ReadItems);
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject && items is null && typeof(T) != typeof(object))
                    {
                        // A single element written as an object (an XML-to-JSON habit of some proxies).
                        itemsKey = key;
                        items = Under(key, ref reader, options, static (ref Utf8JsonReader r, JsonSerializerOptions o) => [JsonSerializer.Deserialize<T>(ref r, o)!]);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                return new OvirtCollection<T>(items ?? [], itemsKey ?? firstKey);
            default:
                throw new JsonException($"Expected a collection, got {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, OvirtCollection<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Items, options);

    private static List<T> ReadItems(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        // VM lists are the big answers (a full poll's VMs with their disks); see OvirtVmListReader.
        if (typeof(T) == typeof(OvirtVm) && OvirtVmListReader.TryRead(ref reader, options, out var vms))
        {
            return (List<T>)(object)vms;
        }
        return JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? [];
    }

    private delegate List<T> ItemsReader(ref Utf8JsonReader reader, JsonSerializerOptions options);

    // The items are read by a nested call, whose error path starts again at "$"; put the key back so it reads "$.host[0].status".
    private static List<T> Under(string? key, ref Utf8JsonReader reader, JsonSerializerOptions options, ItemsReader read)
    {
        try
        {
            return read(ref reader, options);
        }
        catch (JsonException ex) when (key is not null && ex.Path is { } path && path.StartsWith('$'))
        {
            throw new JsonException(ex.Message, $"$.{key}{path[1..]}", ex.LineNumber, ex.BytePositionInLine, ex.InnerException);
        }
    }
}
