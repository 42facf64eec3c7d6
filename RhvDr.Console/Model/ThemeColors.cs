using MudBlazor;

namespace RhvDr.Console.Model;

/// <summary>
/// Status colours of both themes, with the text drawn on them: every filled chip reads at 4.5:1 or better (WCAG AA).
/// Amber takes dark text; green, red and blue are deep enough for white text.
/// </summary>
public static class ThemeColors
{
    public const string Success = "#2e7d32";
    public const string Warning = "#f9a825";
    public const string Error = "#c62828";
    public const string Info = "#1565c0";
    public const string White = "#ffffff";
    public const string DarkText = "#1a1a1a";

    /// <summary>Sets the status colours and their contrast text on <paramref name="palette"/> and returns it.</summary>
    public static T WithStatusColors<T>(T palette) where T : Palette
    {
        ArgumentNullException.ThrowIfNull(palette);
        palette.Success = Success;
        palette.SuccessContrastText = White;
        palette.Warning = Warning;
        palette.WarningContrastText = DarkText;
        palette.Error = Error;
        palette.ErrorContrastText = White;
        palette.Info = Info;
        palette.InfoContrastText = White;
        return palette;
    }
}
