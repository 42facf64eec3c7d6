using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Console.Api;

/// <summary>Every enum of the API through <see cref="StrictEnumJsonConverter{T}"/> (nullable enums too: the serializer wraps it).</summary>
public sealed class StrictEnumJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert?.IsEnum == true;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumJsonConverter<>).MakeGenericType(typeToConvert))!;
}
