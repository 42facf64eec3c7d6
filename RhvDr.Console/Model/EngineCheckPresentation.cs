using MudBlazor;
using RhvDr.Core.Engines;

namespace RhvDr.Console.Model;

/// <summary>How an engine check level looks on the page: the same words as the command, one color each.</summary>
public static class EngineCheckPresentation
{
    public static Color ColorFor(EngineCheckLevel level) => level switch
    {
        EngineCheckLevel.Ok => Color.Success,
        EngineCheckLevel.Warn => Color.Warning,
        EngineCheckLevel.Fail => Color.Error,
        _ => Color.Info,
    };

    public static string LabelFor(EngineCheckLevel level) => EngineCheckText.Level(level);

    /// <summary>CSS modifier, e.g. <c>engine-check-fail</c>.</summary>
    public static string CssFor(EngineCheckLevel level) => $"engine-check-{level.ToString().ToLowerInvariant()}";
}
