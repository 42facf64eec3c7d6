using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RhvDr.Core.Mapping;

/// <summary>How the role's YAML (PyYAML, YAML 1.1 style) spells nulls, booleans and numbers.</summary>
internal static class YamlScalars
{
    public static bool IsNull(YamlScalarNode node) =>
        node.Style is ScalarStyle.Plain or ScalarStyle.Any
        && node.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Ansible treats <c>"True"</c>, <c>true</c>, <c>yes</c> alike; so do we.</summary>
    public static bool? ParseBool(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    public static int? ParseInt(string value) =>
        int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
