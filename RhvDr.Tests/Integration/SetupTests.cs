using System.Net;
using System.Text.RegularExpressions;
using RhvDr.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RhvDr.Tests.Integration;

/// <summary>An empty database without a bootstrap administrator: the first visitor sets the console up, once.</summary>
public sealed partial class SetupTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Settings.Remove("RhvDr:Bootstrap:AdminUser");
        _factory.Settings.Remove("RhvDr:Bootstrap:AdminPassword");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Setup_EmptyDatabase_FirstVisitorCreatesTheAdministratorOnce()
    {
        using var browser = Browser(_cookies);

        // The sign-in page sends a new console to set-up.
        using var login = await browser.GetAsync("/account/login");
        Assert.Equal("/account/setup", login.RequestMessage!.RequestUri!.AbsolutePath);

        using var created = await PostFormAsync(browser, "/account/setup", "setup", new()
        {
            ["Input.Username"] = "first-admin",
            ["Input.Password"] = "first-admin-password",
            ["Input.ConfirmPassword"] = "first-admin-password",
        });
        Assert.Equal("/", created.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("DENY", created.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", created.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", created.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var session = _cookies.GetAllCookies().Single(c => c.Name == "rhvdr.session");
        Assert.True(session.HttpOnly);
        Assert.Contains("first-admin", await browser.GetStringAsync("/api/me"), StringComparison.Ordinal);

        // A second visitor finds the page closed.
        using var late = Browser(new CookieContainer());
        var closed = await late.GetStringAsync("/account/setup");
        Assert.Contains("The console is set up", closed, StringComparison.Ordinal);
        using var refused = await PostFormAsync(late, "/account/setup", "setup", new()
        {
            ["Input.Username"] = "intruder",
            ["Input.Password"] = "intruder-password-1",
            ["Input.ConfirmPassword"] = "intruder-password-1",
        });
        Assert.Null(await _factory.Services.GetRequiredService<UserService>().FindAsync("intruder", CancellationToken.None));
    }

    [Fact]
    public void Bootstrap_HalfGiven_NamesBothKeys()
    {
        var validator = new BootstrapOptionsValidator(Options.Create(new SecurityOptions()));

        var result = validator.Validate(null, new BootstrapOptions { AdminUser = "admin", ApiToken = "short" });

        Assert.Contains("RhvDr:Bootstrap:AdminUser and RhvDr:Bootstrap:AdminPassword go together; give both or neither", result.Failures!);
        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Bootstrap:ApiToken is shorter than 24 characters", StringComparison.Ordinal));
    }

    private readonly CookieContainer _cookies = new();

    private HttpClient Browser(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = _factory.BaseAddress };

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        if (token.Success)
        {
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
