using MudBlazor;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>How a health level looks: one color and one word per level, everywhere.</summary>
public static class HealthPresentation
{
    public static Color ColorFor(HealthLevel level) => level switch
    {
        HealthLevel.Ok => Color.Success,
        HealthLevel.Warning => Color.Warning,
        HealthLevel.Critical => Color.Error,
        _ => Color.Default,
    };

    public static string LabelFor(HealthLevel level) => level switch
    {
        HealthLevel.Ok => "OK",
        HealthLevel.Warning => "Warning",
        HealthLevel.Critical => "Critical",
        _ => "Unknown",
    };

    /// <summary>CSS modifier, e.g. <c>health-critical</c>.</summary>
    public static string CssFor(HealthLevel level) => $"health-{level.ToString().ToLowerInvariant()}";
}
