using MudBlazor;

namespace RhvDr.Console.Model;

/// <summary>
/// Status and accent colours of both themes, with the text drawn on them. Every filled chip or button reads at 4.5:1
/// or better (WCAG AA), and so does each colour used as text on the theme's own background: the light theme takes
/// deep colours with white text, the dark theme light colours with dark text.
/// </summary>
public static class ThemeColors
{
    public const string Success = "#2e7d32";
    public const string Warning = "#9a5b00";
    public const string Error = "#c62828";
    public const string Info = "#1565c0";
    public const string Secondary = "#c51162";

    public const string DarkSuccess = "#66bb6a";
    public const string DarkWarning = "#f9a825";
    public const string DarkError = "#ef5350";
    public const string DarkInfo = "#64b5f6";
    public const string DarkPrimary = "#9f97f7";

    public const string White = "#ffffff";
    public const string DarkText = "#1a1a1a";

    /// <summary>Sets the status colours and their contrast text on <paramref name="palette"/> and returns it.</summary>
    public static T WithStatusColors<T>(T palette) where T : Palette
    {
        ArgumentNullException.ThrowIfNull(palette);
        if (palette is PaletteDark)
        {
            palette.Primary = DarkPrimary;
            palette.PrimaryContrastText = DarkText;
            palette.Success = DarkSuccess;
            palette.SuccessContrastText = DarkText;
            palette.Warning = DarkWarning;
            palette.WarningContrastText = DarkText;
            palette.Error = DarkError;
            palette.ErrorContrastText = DarkText;
            palette.Info = DarkInfo;
            palette.InfoContrastText = DarkText;
            return palette;
        }
        palette.Secondary = Secondary;
        palette.SecondaryContrastText = White;
        palette.Success = Success;
        palette.SuccessContrastText = White;
        palette.Warning = Warning;
        palette.WarningContrastText = White;
        palette.Error = Error;
        palette.ErrorContrastText = White;
        palette.Info = Info;
        palette.InfoContrastText = White;
        return palette;
    }
}
