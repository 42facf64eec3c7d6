using Microsoft.Playwright;
using RhvDr.Core.Mapping;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Mapping;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MappingBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToContainTextOptions Live = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = 30_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MappingPage_ImportFixtureSaveAndExport_DownloadsTheImportedMapping()
    {
        // Arrange: the console on the lab, which seeds version 1.
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/mapping");
        await page.SignInAsync(ConsoleAppFactory.AdminUser, ConsoleAppFactory.AdminPassword);
        await Expect(page.Locator("[data-testid='mapping-version']")).ToContainTextAsync("Version 1", Live);
        await Expect(page.Locator("[data-testid='mapping-header'][data-ready='true']")).ToBeVisibleAsync(Shown);

        // Act: import the role's example file through the file input.
        await page.Locator("[data-testid='mapping-import'] input[type=file]").SetInputFilesAsync(MappingFixtures.ExampleCopyPath);

        // Assert: its names do not exist in the lab, so findings with file lines appear and it would be a draft.
        await Expect(page.Locator("[data-testid='mapping-unsaved']")).ToBeVisibleAsync(Shown);
        await Expect(page.Locator("[data-testid='mapping-summary'] .mapping-line").First).ToBeVisibleAsync(Shown);
        await Expect(page.Locator("[data-testid='mapping-finding']").First).ToBeVisibleAsync(Shown);

        // Act: save it.
        await page.Locator("[data-testid='mapping-save']").ClickAsync();

        // Assert: version 2, a draft.
        await Expect(page.Locator("[data-testid='mapping-version']")).ToContainTextAsync("Version 2", Live);
        await Expect(page.Locator("[data-testid='mapping-draft']")).ToBeVisibleAsync(Shown);

        // Act: export.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid='mapping-export']").ClickAsync());

        // Assert: the file is disaster_recovery_vars.yml with the imported mapping.
        Assert.Equal("disaster_recovery_vars.yml", download.SuggestedFilename);
        var path = await download.PathAsync();
        var exported = DrMappingYaml.Import(await File.ReadAllTextAsync(path));
        Assert.Equal(DrMappingYaml.Import(MappingFixtures.Example()).Mapping, exported.Mapping);
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
