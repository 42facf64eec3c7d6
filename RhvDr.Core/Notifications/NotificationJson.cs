using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Notifications;

/// <summary>How notification bodies are written: camelCase names and camelCase enum values, as the console's API writes them.</summary>
public static class NotificationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static byte[] Serialize(Notification notification) => JsonSerializer.SerializeToUtf8Bytes(notification, Options);
}
