using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>Creates the converter that reads <see cref="OvirtCollection{T}"/> from any of the engine's collection shapes.</summary>
public sealed class OvirtCollectionConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(OvirtCollection<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OvirtCollectionConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}
