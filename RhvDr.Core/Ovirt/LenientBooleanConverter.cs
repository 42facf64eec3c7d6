using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>Reads the engine's booleans, which JSON output writes as the strings <c>"true"</c>/<c>"false"</c>, as well as real booleans and 0/1.</summary>
public sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Number => reader.GetInt64() != 0,
        JsonTokenType.String => ParseString(reader.GetString()),
        _ => throw new JsonException($"Expected a boolean, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);

    private static bool ParseString(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" or "" or null => false,
        _ => throw new JsonException($"'{text}' is not a boolean."),
    };
}
