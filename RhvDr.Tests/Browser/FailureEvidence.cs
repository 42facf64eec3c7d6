using Microsoft.Playwright;

namespace RhvDr.Tests.Browser;

/// <summary>Keeps a screenshot and the page's HTML of a failed browser test under TestResults/browser for diagnosis.</summary>
public static class FailureEvidence
{
    public static async Task RunAsync(IPage page, string testName, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
            Directory.CreateDirectory(directory);
            var stem = Path.Combine(directory, testName);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true });
            await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
            throw;
        }
    }
}
