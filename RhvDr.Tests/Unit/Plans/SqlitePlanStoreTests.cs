using RhvDr.Core.Data;
using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;
using RhvDr.Tests.Core;

namespace RhvDr.Tests.Plans;

public sealed class SqlitePlanStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private SqlitePlanStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _store = new SqlitePlanStore(_database.Connections, TimeProvider.System);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task GetCurrentAsync_NothingSaved_ReturnsNull()
    {
        Assert.Null(await _store.GetCurrentAsync());
        Assert.Null(await _store.GetActiveAsync());
        Assert.Empty(await _store.GetVersionsAsync());
    }

    [Fact]
    public async Task SaveAsync_ThenADraft_CurrentIsTheDraftAndActiveStaysTheFirst()
    {
        var example = PlanYaml.Import(PlanFixtures.Example()).Document!;
        var error = new MappingFinding(MappingSeverity.Error, PlanFindingCodes.VmUnknown, "plans[1].vms[0].name", 77, 5, "unknown VM", "fix it");
        var changed = example with { Plans = [.. example.Plans.Select(p => p.Name == "applications" ? p with { Description = "changed" } : p)] };

        await _store.SaveAsync(example, [], "alice", "first");
        await _store.SaveAsync(changed, [error], "bob", null);

        var current = (await _store.GetCurrentAsync())!;
        Assert.Equal(2, current.Info.Version);
        Assert.True(current.Info.IsDraft);
        Assert.Equal(1, current.Info.Errors);
        Assert.Equal("plans changed: applications", current.Info.Summary);
        Assert.Equal(changed, current.Document);
        Assert.Equal(error, Assert.Single(current.Findings));
        var active = (await _store.GetActiveAsync())!;
        Assert.Equal(1, active.Info.Version);
        Assert.Equal(example, active.Document);
        Assert.Equal("first version: 2 plans, 2 protection groups", active.Info.Summary);
        Assert.Equal([2, 1], (await _store.GetVersionsAsync()).Select(v => v.Version));
    }
}
