using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Components.Pages.Admin;
using RhvDr.Core.Engines;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

/// <summary>The engine check page as an administrator uses it: nothing runs until asked, then each site's result.</summary>
public sealed class EngineCheckPageTests : ConsoleTestContext
{
    private readonly FakeEngineChecker _checker = new();

    public EngineCheckPageTests() => Services.AddSingleton<IEngineChecker>(_checker);

    [Fact]
    public async Task RunCheck_OneSiteFails_ShowsEverySiteWithItsLinesAndTheFix()
    {
        RenderProviders();
        var cut = Render<EngineCheckPage>();
        Assert.Equal(0, _checker.Runs);
        Assert.Contains("No check run yet", cut.Find(".engine-check-none").TextContent, StringComparison.Ordinal);

        await cut.Find("button.engine-check-run").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".engine-site").Count));
        Assert.Equal(1, _checker.Runs);
        Assert.Contains("1 of 2 sites usable", cut.Find(".engine-check-summary").TextContent, StringComparison.Ordinal);

        var primary = cut.Find(".engine-site[data-site='primary']");
        Assert.Equal("Prod (Brno) (primary)", primary.QuerySelector(".engine-site-name")!.TextContent.Trim());
        Assert.Equal("Usable", primary.QuerySelector(".engine-site-verdict")!.TextContent.Trim());
        Assert.Equal(["reachable", "tls", "sign-in"], primary.QuerySelectorAll(".engine-check-line").Select(l => l.GetAttribute("data-topic")));
        Assert.Contains("pinned by CA file /etc/pki/ca.pem", primary.QuerySelector(".engine-check-line[data-topic='tls']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("AB:CD", primary.QuerySelector(".engine-check-fingerprint")!.TextContent, StringComparison.Ordinal);

        var recovery = cut.Find(".engine-site[data-site='recovery']");
        Assert.Equal("Not usable", recovery.QuerySelector(".engine-site-verdict")!.TextContent.Trim());
        var signIn = recovery.QuerySelector(".engine-check-line[data-topic='sign-in']")!;
        Assert.Equal("FAIL", signIn.QuerySelector(".engine-check-level")!.TextContent.Trim());
        Assert.Contains("sign-in refused for admin@internal", signIn.QuerySelector(".engine-check-message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("RhvDr:Sites:1:Password", signIn.QuerySelector(".engine-check-fix")!.TextContent, StringComparison.Ordinal);
    }

    private sealed class FakeEngineChecker : IEngineChecker
    {
        public int Runs { get; private set; }

        public Task<EngineCheckReport> CheckAsync(CancellationToken cancellationToken = default)
        {
            Runs++;
            var certificate = new EngineCertificateFacts("CN=engine1", "CN=Engine CA", DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1), 365, "AB:CD");
            var primary = new SiteEngineCheck("primary", SiteRole.Primary, "https://engine1/ovirt-engine/api", false, "admin@internal", true, 12,
                new EngineTlsFacts(EngineTrust.CaFile, "/etc/pki/ca.pem", true, certificate), true, null, null,
                [
                    new("reachable", EngineCheckLevel.Ok, "engine1 answered in 12 ms"),
                    new("tls", EngineCheckLevel.Ok, "issuer CN=Engine CA, subject CN=engine1, expires 2027-01-01 (in 365 days); pinned by CA file /etc/pki/ca.pem"),
                    new("sign-in", EngineCheckLevel.Ok, "signed in as admin@internal"),
                ]);
            var recovery = new SiteEngineCheck("recovery", SiteRole.Recovery, "https://engine2/ovirt-engine/api", false, "admin@internal", true, 30, null, false, null, null,
                [
                    new("reachable", EngineCheckLevel.Ok, "engine2 answered in 30 ms"),
                    new("sign-in", EngineCheckLevel.Fail, "sign-in refused for admin@internal: The username or password is incorrect.",
                        "Check RhvDr:Sites:1:Username and RhvDr:Sites:1:Password (or the Engine credentials page)."),
                ]);
            return Task.FromResult(new EngineCheckReport(DateTimeOffset.UtcNow, EngineVersionSupport.Range, [primary, recovery]));
        }
    }
}
