using System.Text.Json;
using System.Text.Json.Serialization;
using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary>A <see cref="ValueList{T}"/> as a JSON array; JSON null stays null (optional lists such as iSCSI targets), an omitted list stays empty.</summary>
public sealed class ValueListJsonConverter<T> : JsonConverter<ValueList<T>>
{
    public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var items = JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? [];
        return new ValueList<T>(items);
    }

    public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, (IReadOnlyList<T>)value, options);
}
