using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

public static class PageExtensions
{
    /// <summary>Opens a console page and waits until its Blazor circuit is live, so clicks reach the server.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await Expect(page.Locator(".rhvdr-page[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}
