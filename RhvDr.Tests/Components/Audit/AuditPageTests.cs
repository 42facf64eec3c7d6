using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Security;
using RhvDr.Core.Audit;
using RhvDr.Tests.Components;

namespace RhvDr.Tests.Audit;

public sealed class AuditPageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly AuditDatabase _db = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _db.InitializeAsync();
        AddAuthorization().SetAuthorized("alice").SetRoles("Viewer").SetPolicies(AuthorizationPolicies.Viewer);
        Services.AddSingleton<IAuditTrail>(_db.Trail);
        await _db.AppendManyAsync(10);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public void Render_Entries_ShowsNewestFirst()
    {
        var cut = RenderPage();

        var sequences = cut.FindAll("[data-testid='audit-seq']").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), sequences);
        Assert.Equal("10 entries, newest first.", cut.Find("[data-testid='audit-count']").TextContent.Trim());
    }

    [Fact]
    public async Task Search_ActorFilter_ShowsOnlyThatActorAndExportsIt()
    {
        var cut = RenderPage();

        cut.Find("input[data-testid='audit-actor']").Change("bob");
        await cut.InvokeAsync(() => cut.Find("[data-testid='audit-search']").Click());

        cut.WaitForAssertion(() => Assert.All(cut.FindAll("[data-testid='audit-entry-actor']"), td => Assert.Equal("bob", td.TextContent.Trim())));
        Assert.Equal(5, cut.FindAll("[data-testid='audit-entry-actor']").Count);
        Assert.Equal("/api/audit/export?format=csv&actor=bob", cut.Find("a[data-testid='audit-export-csv']").GetAttribute("href"));
    }

    [Fact]
    public async Task Expand_RowWithChanges_ShowsBeforeAndAfter()
    {
        var cut = RenderPage();

        await cut.InvokeAsync(() => cut.Find("[data-testid='audit-expand-9']").Click());

        var changes = cut.Find("[data-testid='audit-changes-9']");
        Assert.Equal("{\"n\":8}", changes.QuerySelector(".audit-before")!.TextContent);
        Assert.Equal("{\"n\":9}", changes.QuerySelector(".audit-after")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid='audit-expand-10']"));
    }

    [Fact]
    public async Task Verify_IntactChain_ShowsIntactAlert()
    {
        var cut = RenderPage();

        await cut.InvokeAsync(() => cut.Find("[data-testid='audit-verify']").Click());

        cut.WaitForAssertion(() =>
        {
            var alert = cut.Find("[data-testid='audit-verify-result']");
            Assert.Equal("true", alert.GetAttribute("data-intact"));
            Assert.Contains("Chain intact: 10 entries checked", alert.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Verify_TamperedEntry_ShowsBrokenEntryNumber()
    {
        await _db.ExecuteAsync("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 7;");
        var cut = RenderPage();

        await cut.InvokeAsync(() => cut.Find("[data-testid='audit-verify']").Click());

        cut.WaitForAssertion(() =>
        {
            var alert = cut.Find("[data-testid='audit-verify-result']");
            Assert.Equal("false", alert.GetAttribute("data-intact"));
            Assert.Contains("Chain broken at entry 7: Entry 7 was edited", alert.TextContent, StringComparison.Ordinal);
        });
    }

    private IRenderedComponent<RhvDr.Console.Components.Pages.Audit> RenderPage()
    {
        RenderProviders();
        var cut = Render<RhvDr.Console.Components.Pages.Audit>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='audit-seq']")));
        return cut;
    }
}
