using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Console.Api;

/// <summary>An enum as its camelCase name; reading refuses numbers, numeric strings and unknown names, naming the allowed values.</summary>
public sealed class StrictEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected one of {ApiEnums.Allowed<T>()} as a string, found a {Describe(reader.TokenType)}.");
        }

        var text = reader.GetString();
        return ApiEnums.TryParse<T>(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not one of {ApiEnums.Allowed<T>()}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Enum.IsDefined(value))
        {
            writer.WriteStringValue(ApiEnums.Name(value));
        }
        else
        {
            // A combination of flags has no single name; its number is the only faithful spelling.
            writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ApiEnums.TryParse<T>(reader.GetString(), out var value)
            ? value
            : throw new JsonException($"'{reader.GetString()}' is not one of {ApiEnums.Allowed<T>()}.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(ApiEnums.Name(value));
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "list",
        JsonTokenType.Null => "null",
        _ => token.ToString().ToLowerInvariant(),
    };
}
