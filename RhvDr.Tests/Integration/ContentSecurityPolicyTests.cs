using System.Text.RegularExpressions;

namespace RhvDr.Tests.Integration;

/// <summary>The page's one inline script, Blazor's import map, runs by a per-answer nonce; the favicon is served.</summary>
public sealed partial class ContentSecurityPolicyTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Page_ImportMap_CarriesTheNonceThePolicyAllowsAndNoUnsafeInlineScript()
    {
        using var http = _factory.CreateApiClient(token: null);

        var (firstPolicy, firstNonce, firstPage) = await LoadAsync(http);
        var (_, secondNonce, _) = await LoadAsync(http);

        var scriptSrc = firstPolicy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal($"script-src 'self' 'nonce-{firstNonce}'", scriptSrc);
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        Assert.Matches($"<script type=\"importmap\" nonce=\"{Regex.Escape(firstNonce)}\"", firstPage);
        Assert.NotEqual(firstNonce, secondNonce);
    }

    [Fact]
    public async Task Favicon_Anonymous_Answers200WithAnIcon()
    {
        using var http = _factory.CreateApiClient(token: null);

        using var ico = await http.GetAsync("/favicon.ico");
        using var svg = await http.GetAsync("/favicon.svg");

        Assert.Equal(200, (int)ico.StatusCode);
        Assert.True(ico.Content.Headers.ContentLength > 0);
        Assert.Equal(200, (int)svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<(string Policy, string Nonce, string Page)> LoadAsync(HttpClient http)
    {
        using var answer = await http.GetAsync("/account/login");
        answer.EnsureSuccessStatusCode();
        var policy = answer.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NonceSource().Match(policy);
        Assert.True(nonce.Success, $"No script nonce in the policy: {policy}");
        // Attribute values are HTML-encoded ('+' of a base64 nonce as "&#x2B;"); the browser reads them decoded.
        return (policy, nonce.Groups[1].Value, System.Net.WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex NonceSource();
}
