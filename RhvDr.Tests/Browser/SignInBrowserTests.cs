using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

/// <summary>People sign in through the form and see what their role allows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string ViewerPassword = "manager-password-1";
    private static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = 30_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public async Task InitializeAsync()
    {
        using var admin = _console.CreateApiClient();
        using var created = await admin.PostAsJsonAsync("/api/users", new { username = "manager", displayName = "Mona Manager", role = "viewer", password = ViewerPassword });
        created.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task SignIn_AsViewer_SeesReadOnlyPagesAndNoAdministration()
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(SignIn_AsViewer_SeesReadOnlyPagesAndNoAdministration), async () =>
        {
            // A wrong password first: the form says so and nothing opens.
            await page.GotoAsync("/runs");
            Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
            await page.FillAsync("#username", "manager");
            await page.FillAsync("#password", "not-the-password");
            await page.ClickAsync("[data-testid='login-submit']");
            await Expect(page.Locator("[data-testid='login-error']")).ToContainTextAsync("user name or password is wrong", new() { Timeout = 30_000 });

            // Act: sign in; the page asked for first opens.
            await page.SignInAsync("manager", ViewerPassword);
            Assert.Equal("/runs", new Uri(page.Url).AbsolutePath);
            await Expect(page.Locator(".rhvdr-page[data-interactive='true']")).ToBeVisibleAsync(Shown);

            // Assert: who is signed in, the viewer's menu, no way to start a run.
            await Expect(page.Locator("[data-testid='current-user']")).ToHaveTextAsync("manager · Viewer", new() { Timeout = 30_000 });
            await Expect(page.Locator(".rhvdr-nav a")).ToHaveTextAsync(["Overview", "Hosts", "Storage", "VMs", "Readiness", "Mapping", "Plans", "Runs", "Incidents", "Audit"]);
            await Expect(page.Locator(".run-start")).ToHaveCountAsync(0);

            // The mapping reads, but says it is read only.
            await page.OpenAsync("/mapping");
            await Expect(page.Locator("[data-testid='mapping-read-only']")).ToBeVisibleAsync(Shown);
            await Expect(page.Locator("[data-testid='mapping-save']")).ToHaveCountAsync(0);

            // An operator's page opened inside the open session is refused by the router, and recorded.
            await page.EvaluateAsync("Blazor.navigateTo('/lab')");
            await Expect(page.Locator(".not-authorized")).ToContainTextAsync("this page needs a higher role", new() { Timeout = 30_000 });

            // An administrator's page is refused by the server, not only hidden.
            await page.GotoAsync("/admin/users");
            await Expect(page.Locator("[data-testid='access-denied']")).ToContainTextAsync("manager (Viewer)", new() { Timeout = 30_000 });
            using var admin = _console.CreateApiClient();
            var denied = await WaitFor.ValueAsync(async () => await admin.GetFromJsonAsync<JsonElement[]>("/api/audit?action=access.&actor=manager") ?? [],
                entries => entries.Length == 2, "both refusals in the audit trail");
            Assert.Equal(["page /admin/users 403: needs the Administrator role; manager has the Viewer role", "page /lab refused in an open session: needs the Operator role; manager has the Viewer role"],
                denied.Select(e => $"{e.GetProperty("target").GetString()} {e.GetProperty("detail").GetString()}"));

            // Signing out ends the session: the next page asks to sign in again.
            await page.OpenAsync("/");
            await page.ClickAsync("[data-testid='sign-out']");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login", new() { Timeout = 30_000 });
            await page.GotoAsync("/vms");
            Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        });
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        await _console.DisposeAsync();
    }
}
