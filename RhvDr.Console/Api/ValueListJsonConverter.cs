using System.Text.Json;
using System.Text.Json.Serialization;
using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary>A <see cref="ValueList{T}"/> as a JSON array; null reads as empty.</summary>
public sealed class ValueListJsonConverter<T> : JsonConverter<ValueList<T>>
{
    public override bool HandleNull => true;

    public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return ValueList<T>.Empty;
        }

        var items = JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? [];
        return new ValueList<T>(items);
    }

    public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, (IReadOnlyList<T>)value ?? [], options);
}
