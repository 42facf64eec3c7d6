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
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray && items is null)
                    {
                        items = ReadItems(ref reader, options);
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject && items is null && typeof(T) != typeof(object))
                    {
                        // A single element written as an object (an XML-to-JSON habit of some proxies).
                        items = [JsonSerializer.Deserialize<T>(ref reader, options)!];
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                return new OvirtCollection<T>(items ?? []);
            default:
                throw new JsonException($"Expected a collection, got {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, OvirtCollection<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Items, options);

    private static List<T> ReadItems(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? [];
}
