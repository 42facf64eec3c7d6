using RhvDr.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Sites;
using RhvDr.Tests.Mapping;

namespace RhvDr.Tests.Components;

public sealed class MappingEditorTests : ConsoleTestContext
{
    private const string ClusterRow = "dr_cluster_mappings[0]";

    private readonly InMemoryMappingStore _store = new();
    private readonly RecordingAuditTrail _audit = new();

    public MappingEditorTests()
    {
        var options = new RhvDrOptions
        {
            Sites =
            [
                new SiteOptions { Name = "primary", Role = SiteRole.Primary, EngineUrl = "https://engine1.example.com/ovirt-engine/api", Username = "admin@internal" },
                new SiteOptions { Name = "recovery", Role = SiteRole.Recovery, EngineUrl = "https://engine2.example.com/ovirt-engine/api", Username = "admin@internal" },
            ],
        };
        var source = new FixedMappingInventorySource(new Dictionary<string, MappingInventory>
        {
            ["primary"] = MappingInventories.Primary,
            ["recovery"] = MappingInventories.Secondary,
        });
        Services.AddSingleton(new MappingService(_store, source, Options.Create(options), _audit, NullLogger<MappingService>.Instance));
    }

    [Fact]
    public async Task MappingPage_RecoveryClusterPicked_FindingOnTheRowClears()
    {
        // Arrange: a stored mapping whose recovery cluster does not exist.
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping! with { Clusters = [new NameMapping("cluster_prod", "cluster_gone")] };
        await _store.SaveAsync(mapping, [], "test", null);
        RenderProviders();
        var cut = Render<MappingPage>();
        await OpenTabAsync(cut, "Clusters");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"tr[data-key='{ClusterRow}'] [data-testid='mapping-finding']")));
        Assert.Contains("cluster_gone", cut.Find($"tr[data-key='{ClusterRow}']").TextContent, StringComparison.Ordinal);

        // Act: pick the recovery site's cluster in the row's recovery select.
        var select = cut.FindComponents<MudSelect<string>>()
            .Single(s => s.Instance.UserAttributes.TryGetValue("data-key", out var key) && (string?)key == $"{ClusterRow}.secondary_name");
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("cluster_recovery"));

        // Assert: the row's finding is gone and the page counts no errors.
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"tr[data-key='{ClusterRow}'] [data-testid='mapping-finding']")));
        Assert.Equal("0 errors", cut.Find("[data-testid='mapping-errors']").TextContent.Trim());
        Assert.NotEmpty(cut.FindAll("[data-testid='mapping-unsaved']"));
    }

    [Fact]
    public async Task MappingPage_SaveAfterFix_StoresNewValidVersion()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping! with { Clusters = [new NameMapping("cluster_prod", "cluster_gone")] };
        await _store.SaveAsync(mapping, [], "test", null);
        RenderProviders();
        var cut = Render<MappingPage>();
        cut.WaitForAssertion(() => Assert.Equal("1 errors", cut.Find("[data-testid='mapping-errors']").TextContent.Trim()));
        await cut.InvokeAsync(() => cut.Instance.ViewModel.SetSecondary(Console.Model.MappingEditorKind.Clusters, 0, "cluster_recovery"));

        await cut.Find("[data-testid='mapping-save']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(2, _store.GetCurrentAsync().Result!.Info.Version));
        var saved = (await _store.GetCurrentAsync())!;
        Assert.False(saved.Info.IsDraft);
        Assert.Equal("admin", saved.Info.SavedBy);
        Assert.Equal("cluster cluster_prod target changed", saved.Info.Summary);
    }

    [Fact]
    public async Task MappingPage_SaveDroppingAStorageDomain_ShowsTheRefusalAndSavesOnlyOnceConfirmed()
    {
        // Arrange: a valid active mapping; the operator deletes the storage row of path2.
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping! with { Clusters = [new NameMapping("cluster_prod", "cluster_recovery")] };
        await _store.SaveAsync(mapping, [], "test", null);
        RenderProviders();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<MappingPage>();
        cut.WaitForAssertion(() => Assert.Equal("0 errors", cut.Find("[data-testid='mapping-errors']").TextContent.Trim()));
        var path2 = mapping.ImportStorages.Select((s, i) => (s, i)).Single(p => p.s.Primary.Name == "path2").i;
        await cut.InvokeAsync(() => cut.Instance.ViewModel.RemoveRow(Console.Model.MappingEditorKind.Storage, path2));

        // Act: save.
        await cut.Find("[data-testid='mapping-save']").ClickAsync(new());

        // Assert: nothing saved; the page says why and the dialog lists what would go.
        cut.WaitForAssertion(() => Assert.Contains("path2", cut.Find("[data-testid='mapping-refused']").TextContent, StringComparison.Ordinal));
        var item = dialogs.WaitForElement("[data-testid='mapping-confirm-item']");
        Assert.Equal("storage domain path2", item.TextContent.Trim());
        Assert.Equal(1, (await _store.GetCurrentAsync())!.Info.Version);

        // Act: confirm in the dialog.
        await dialogs.Find("[data-testid='mapping-confirm-remove']").ClickAsync(new());

        // Assert: saved as the active version, and the audit entry records the confirmed removal.
        cut.WaitForAssertion(() => Assert.Equal(2, _store.GetCurrentAsync().Result!.Info.Version));
        Assert.False((await _store.GetCurrentAsync())!.Info.IsDraft);
        Assert.Contains(_audit.Records, r => r.Detail?.Contains("removal confirmed (path2): storage domain path2", StringComparison.Ordinal) == true);
        Assert.Empty(cut.FindAll("[data-testid='mapping-refused']"));
    }

    private static async Task OpenTabAsync(IRenderedComponent<MappingPage> cut, string title)
    {
        var tab = cut.WaitForElement($".mud-tab:contains('{title}')");
        await tab.ClickAsync(new());
    }
}
