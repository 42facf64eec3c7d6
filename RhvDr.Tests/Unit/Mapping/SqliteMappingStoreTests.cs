using Microsoft.AspNetCore.DataProtection;
using RhvDr.Console.Hosting;
using Microsoft.Data.Sqlite;
using RhvDr.Core.Data;
using RhvDr.Core.Mapping;
using RhvDr.Tests.Core;

namespace RhvDr.Tests.Mapping;

public sealed class SqliteMappingStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private SqliteMappingStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _store = new SqliteMappingStore(_database.Connections, TimeProvider.System, new DataProtectionSecretProtector(new EphemeralDataProtectionProvider()));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task GetCurrentAsync_EmptyDatabase_ReturnsNull()
    {
        Assert.Null(await _store.GetCurrentAsync());
        Assert.Null(await _store.GetActiveAsync());
        Assert.Empty(await _store.GetVersionsAsync());
    }

    [Fact]
    public async Task SaveAsync_LunChapPassword_IsEncryptedInTheDatabaseAndReadBack()
    {
        const string chap = "chap-Secret-4711";
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;
        mapping = mapping with
        {
            Luns = new(mapping.Luns.Select(l => l with { Secondary = l.Secondary with { Password = new SecretValue(chap) } })),
        };

        await _store.SaveAsync(mapping, [], "alice", "with a CHAP password");
        var read = await _store.GetCurrentAsync();
        SqliteConnection.ClearAllPools();
        var onDisk = string.Concat(_database.Files.Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f))));

        Assert.Equal(chap, read!.Mapping.Luns[0].Secondary.Password!.Reveal());
        // The saved row is in the files read (its author in plain text), just not the password.
        Assert.Contains("alice", onDisk, StringComparison.Ordinal);
        Assert.DoesNotContain(chap, onDisk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_FixtureWithFindings_RoundTripsMappingFindingsAndInfo()
    {
        var imported = DrMappingYaml.Import(MappingFixtures.Example());
        var findings = MappingValidator.Validate(imported.Mapping!, MappingInventories.Primary, MappingInventories.Secondary, source: imported.Source);

        var saved = await _store.SaveAsync(imported.Mapping!, findings, "alice", "first import");
        var read = await _store.GetCurrentAsync();

        Assert.NotNull(read);
        Assert.Equal(1, read.Info.Version);
        Assert.Equal("alice", read.Info.SavedBy);
        Assert.Equal("first import", read.Info.Comment);
        Assert.Equal(imported.Mapping, read.Mapping);
        Assert.Equal(findings, read.Findings);
        Assert.Equal(saved.Info, read.Info);
        Assert.StartsWith("first version: 3 storage domains, 1 cluster", read.Info.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_ErrorFindings_SavesDraftThatIsNotActive()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;
        await _store.SaveAsync(mapping, [], "alice", null);
        var error = new MappingFinding(MappingSeverity.Error, MappingFindingCodes.ObjectMissingSecondary, "dr_cluster_mappings[0].secondary_name", 3, 5, "missing", "fix");

        var draft = await _store.SaveAsync(mapping with { Clusters = [new NameMapping("cluster_prod", "nope")] }, [error], "bob", "broken");

        Assert.True(draft.Info.IsDraft);
        Assert.Equal(1, draft.Info.Errors);
        Assert.Equal(2, (await _store.GetCurrentAsync())!.Info.Version);
        Assert.Equal(1, (await _store.GetActiveAsync())!.Info.Version);
        Assert.Equal("cluster cluster_prod target changed", draft.Info.Summary);
    }

    [Fact]
    public async Task GetVersionsAsync_ThreeSaves_NewestFirstWithChangeSummaries()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;
        await _store.SaveAsync(mapping, [], "alice", null);
        await _store.SaveAsync(mapping with { Clusters = [.. mapping.Clusters, new NameMapping("c2", "c2"), new NameMapping("c3", "c3")], Networks = [] }, [], "bob", null);
        var first = await _store.GetVersionAsync(1);
        await _store.SaveAsync(first!.Mapping, [], "carol", "rollback to v1");

        var versions = await _store.GetVersionsAsync();

        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal("+2 clusters, \u22121 network", versions[1].Summary);
        Assert.Equal("\u22122 clusters, +1 network", versions[0].Summary);
        Assert.Equal(mapping, (await _store.GetVersionAsync(3))!.Mapping);
    }
}
