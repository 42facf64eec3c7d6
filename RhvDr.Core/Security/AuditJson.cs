using System.Text.Json;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Security;

/// <summary>How objects appear in the audit trail's before/after columns: compact camelCase JSON, enums as names.</summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Of(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>A user as the audit trail shows it: never the password hash.</summary>
    public static string Of(UserAccount user) => Of(new { user.Username, user.DisplayName, user.Role, user.External, user.Disabled });
}
