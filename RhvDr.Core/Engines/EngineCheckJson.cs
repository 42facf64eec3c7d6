using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Engines;

/// <summary>The engine check's JSON, the same from the <c>check --json</c> command and from <c>GET /api/engines/check</c>: camelCase names and enums.</summary>
public static class EngineCheckJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize(EngineCheckReport report) => JsonSerializer.Serialize(report, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
