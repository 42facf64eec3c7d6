using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using RhvDr.Console.Model;
using RhvDr.Lab.Control;

namespace RhvDr.Console.Components.Layout;

public partial class MainLayout : IAsyncDisposable
{
    private const string ThemeKey = "theme";
    private const string WallKey = "wall";

    private readonly MudTheme _theme = CreateTheme();

    /// <summary>The console's light and dark themes.</summary>
    public static MudTheme CreateTheme() => new()
    {
        PaletteLight = ThemeColors.WithStatusColors(new PaletteLight()),
        PaletteDark = ThemeColors.WithStatusColors(new PaletteDark
        {
            Background = "#12151c",
            Surface = "#1b2029",
            AppbarBackground = "#0d1017",
            DrawerBackground = "#161a22",
        }),
    };

    private bool _isDarkMode = true;
    private bool _wallMode;
    private bool _drawerOpen = true;
    private IJSObjectReference? _preferences;

    private bool _interactive;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required IServiceProvider Services { get; init; }

    /// <summary>The Lab link is shown only when the console runs the embedded lab.</summary>
    private bool HasLab => Services.GetService(typeof(ILabControl)) is not null;

    /// <summary>The Stretch cluster link is shown only for <c>RhvDr:Topology</c> ActiveActive.</summary>
    private bool IsActiveActive =>
        Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Core.Configuration.RhvDrOptions>)) is Microsoft.Extensions.Options.IOptions<Core.Configuration.RhvDrOptions> { Value.Topology: Core.Configuration.DrTopology.ActiveActive };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // Marks the page live (the circuit is connected); browser tests and wall-screen scripts wait for it.
        _interactive = true;
        StateHasChanged();
        _preferences = await TryJsAsync(() => JS.InvokeAsync<IJSObjectReference>("import", "./js/preferences.js").AsTask());
        if (_preferences is null)
        {
            return;
        }
        var theme = await TryJsAsync(() => _preferences.InvokeAsync<string?>("load", ThemeKey).AsTask());
        var wall = await TryJsAsync(() => _preferences.InvokeAsync<string?>("load", WallKey).AsTask());
        var changed = false;
        if (theme is "light" or "dark" && (theme == "dark") != _isDarkMode)
        {
            _isDarkMode = theme == "dark";
            changed = true;
        }
        if (wall == "on")
        {
            _wallMode = true;
            await TryJsAsync(() => _preferences.InvokeVoidAsync("setWallMode", true).AsTask());
            changed = true;
        }
        if (changed)
        {
            StateHasChanged();
        }
    }

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await SaveAsync(ThemeKey, _isDarkMode ? "dark" : "light");
    }

    private async Task ToggleWallModeAsync()
    {
        _wallMode = !_wallMode;
        if (_preferences is not null)
        {
            await TryJsAsync(() => _preferences.InvokeVoidAsync("setWallMode", _wallMode).AsTask());
        }
        await SaveAsync(WallKey, _wallMode ? "on" : "off");
    }

    private async Task SaveAsync(string key, string value)
    {
        if (_preferences is not null)
        {
            await TryJsAsync(() => _preferences.InvokeVoidAsync("save", key, value).AsTask());
        }
    }

    // Preferences are a nicety: a missing module, a closed circuit or prerendering must not break the page.
    private static async Task TryJsAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
        }
    }

    private static async Task<T?> TryJsAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return default;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_preferences is not null)
        {
            try
            {
                await _preferences.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
        GC.SuppressFinalize(this);
    }
}
