using Microsoft.Playwright;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

public static class PageExtensions
{
    /// <summary>
    /// Opens a console page and waits until its Blazor circuit is live, so clicks reach the server. A page that is not
    /// signed in yet lands on the sign-in form: it signs in as the bootstrap administrator and goes on to the page.
    /// </summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        if (new Uri(page.Url).AbsolutePath == "/account/login")
        {
            await page.SignInAsync(ConsoleAppFactory.AdminUser, ConsoleAppFactory.AdminPassword);
            await page.GotoAsync(path);
        }
        await Expect(page.Locator(".rhvdr-page[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Signs in through the sign-in form, as a person would, and waits to leave it.</summary>
    public static async Task SignInAsync(this IPage page, string user, string password)
    {
        if (new Uri(page.Url).AbsolutePath != "/account/login")
        {
            await page.GotoAsync("account/login");
        }
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid='login-submit']");
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal), new() { Timeout = 30_000 });
    }
}
