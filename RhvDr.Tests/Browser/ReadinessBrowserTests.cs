using System.Text;
using Microsoft.Playwright;
using RhvDr.Tests.Readiness;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReadinessBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 30_000 };

    private readonly ReadinessLab _lab = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => _lab.MakeHealthyAsync();

    [Fact]
    public async Task ReadinessPage_PairBrokenInLab_TurnsNoGoAndPrintsOnePageReport()
    {
        // Arrange: a manager opens Readiness from the navigation.
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _lab.Console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        await page.OpenAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Readiness" }).ClickAsync();
        var verdict = page.Locator("[data-testid='verdict']");
        await Expect(verdict).Not.ToHaveTextAsync("Not evaluated yet", new() { Timeout = 30_000 });
        await Expect(page.Locator(".finding[data-check='mapping'] .finding-status")).ToHaveTextAsync("Pass", Live);

        // Act: the storage array loses a replication pair.
        await _lab.PostAsync("lab/array/pairs/path2/break");

        // Assert: without a reload, the verdict turns no-go and the finding names the domain and the fix.
        await Expect(verdict).ToHaveTextAsync("NO-GO: DR would not work as it stands", Live);
        var replication = page.Locator(".finding[data-check='replication']");
        await Expect(replication.Locator(".finding-status")).ToHaveTextAsync("Critical");
        await Expect(replication.Locator(".finding-evidence")).ToContainTextAsync("path2: broken");
        await Expect(replication.Locator(".finding-fix")).ToContainTextAsync("resync");

        // Act: open the printable report and print it.
        await page.Locator("a.report-link").ClickAsync();
        await Expect(page.Locator(".readiness-report h1")).ToHaveTextAsync("Disaster recovery readiness");
        await Expect(page.Locator("[data-testid='verdict']")).ToHaveTextAsync("NO-GO: DR would not work as it stands", Live);
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        // Assert: in print, the navigation and buttons are gone, the verdict and findings stay, and it fits one A4 page.
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.Locator(".print-button")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid='verdict']")).ToBeVisibleAsync();
        await Expect(page.Locator(".finding[data-check='replication']")).ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = false });
        Assert.Equal(1, CountPdfPages(pdf));
    }

    // Each page object in a Chromium PDF is "/Type /Page" (the page tree is "/Type /Pages").
    private static int CountPdfPages(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var count = 0;
        for (var i = text.IndexOf("/Type /Page", StringComparison.Ordinal); i >= 0; i = text.IndexOf("/Type /Page", i + 1, StringComparison.Ordinal))
        {
            if (i + 11 >= text.Length || text[i + 11] != 's')
            {
                count++;
            }
        }
        return count;
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        await _lab.DisposeAsync();
    }
}
