using System.Text.Json;
using System.Text.Json.Serialization;
using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary>
/// Write-only secrets: a secret is written as <c>"***"</c> and never in clear; reading <c>"***"</c> back means
/// "keep the stored one" (the API restores it), any other string is a new secret.
/// </summary>
public sealed class SecretValueJsonConverter : JsonConverter<SecretValue>
{
    public const string Mask = MappingSecrets.Mask;

    public override SecretValue? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : new SecretValue(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, SecretValue value, JsonSerializerOptions options) => writer.WriteStringValue(Mask);
}
