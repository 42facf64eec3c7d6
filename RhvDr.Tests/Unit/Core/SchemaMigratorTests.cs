using Dapper;
using RhvDr.Core.Data;
using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class SchemaMigratorTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachMigrationOnce()
    {
        var migrator = new SchemaMigrator(_database.Connections);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), first);
        Assert.Empty(second);
        await using var connection = await _database.Connections.OpenAsync(CancellationToken.None);
        var versions = await connection.QueryAsync<long>(new CommandDefinition("SELECT version FROM schema_migrations ORDER BY version;"));
        Assert.Equal(SchemaMigrations.All.Select(m => (long)m.Version), versions);
    }

    [Fact]
    public async Task MigrateAsync_NewMigrationAdded_AppliesOnlyTheNewOne()
    {
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        var extended = SchemaMigrations.All.Append(new SchemaMigration(99, "test_table", "CREATE TABLE test_table (id INTEGER PRIMARY KEY);")).ToList();

        var applied = await new SchemaMigrator(_database.Connections, extended).MigrateAsync(CancellationToken.None);

        Assert.Equal([99], applied);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseBeforeStillDownMemory_KeepsItsIncidentsAndStoresTheirVms()
    {
        // Arrange: a console's database from before migration 7, with an open "still down" incident.
        await new SchemaMigrator(_database.Connections, SchemaMigrations.All.Where(m => m.Version < 7).ToList()).MigrateAsync(CancellationToken.None);
        var repository = new IncidentRepository(_database.Connections);
        var condition = new IncidentCondition("still-down:primary", IncidentKind.VmsStillDown, HealthLevel.Warning, "primary", "VMs that ran before the outage are still down: 1 at Prod", "app-1", new HashSet<string> { "vm-1" });
        var incident = await repository.OpenAsync(condition, DateTimeOffset.UnixEpoch, CancellationToken.None);

        // Act
        var applied = await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        await repository.SaveStillDownAsync(incident.Id, [new OutageVm("vm-1", "app-1", "primary", "host-1", false, 0, false, "primary", "down")], CancellationToken.None);
        await repository.SaveOutageAsync([new OutageVm("vm-2", "db-1", "recovery", "host-9", true, 80, true)], CancellationToken.None);

        // Assert: only the new migration ran; the incident is there and its VMs are remembered with it.
        Assert.Equal(SchemaMigrations.All.Where(m => m.Version >= 7).Select(m => m.Version), applied);
        Assert.Equal(incident.Id, (await repository.GetAsync(incident.Id, CancellationToken.None))?.Id);
        var memory = await repository.RecallStillDownAsync(CancellationToken.None);
        Assert.Equal(new OutageVm("vm-1", "app-1", "primary", "host-1", false, 0, false, "primary", "down"), Assert.Single(memory.StillDown[incident.Id]));
        Assert.Equal(new OutageVm("vm-2", "db-1", "recovery", "host-9", true, 80, true), Assert.Single(memory.Outage));
    }

    [Fact]
    public async Task MigrateAsync_NewDatabase_UsesWriteAheadLogAndForeignKeys()
    {
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);

        await using var connection = await _database.Connections.OpenAsync(CancellationToken.None);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode;")));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA foreign_keys;")));
    }
}
