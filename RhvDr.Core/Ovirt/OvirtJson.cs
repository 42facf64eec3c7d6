using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>The serializer settings for the engine's JSON: snake_case names, string-typed numbers and booleans, epoch dates, unknown fields ignored.</summary>
public static class OvirtJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new LenientBooleanConverter());
        options.Converters.Add(new LenientDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
