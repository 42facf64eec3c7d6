using System.Text.Json;
using System.Text.Json.Serialization;
using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary>A <see cref="ValueList{T}"/> as a JSON array; JSON null stays null (optional lists such as iSCSI targets), an omitted list stays empty.</summary>
public sealed class ValueListJsonConverter<T> : JsonConverter<ValueList<T>>
{
    public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            // No message: the serializer writes its own, with the line and position of the value.
            throw new JsonException();
        }

        // Item by item on the same reader, so an error inside an item carries its line and position in the whole body.
        ArgumentNullException.ThrowIfNull(options);
        var converter = (JsonConverter<T>)options.GetConverter(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.Null && !converter.HandleNull ? default! : converter.Read(ref reader, typeof(T), options)!);
        }

        return new ValueList<T>(items);
    }

    public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, (IReadOnlyList<T>)value, options);
}
