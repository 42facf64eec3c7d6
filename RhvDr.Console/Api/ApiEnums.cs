using System.Text.Json;

namespace RhvDr.Console.Api;

/// <summary>
/// Enum values as the API spells them: by name only (camelCase on the way out, any case on the way in). Numbers and
/// numeric strings such as <c>"3"</c> are refused, so a typo or a stale script never lands on whatever value has that index.
/// </summary>
public static class ApiEnums
{
    /// <summary>The value named <paramref name="text"/>; false for numbers, numeric strings and names the enum does not have.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Enum.GetName(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The names the API accepts for <typeparamref name="T"/>, comma separated: <c>viewer, operator, administrator</c>.</summary>
    public static string Allowed<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>How the API writes <paramref name="value"/>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
