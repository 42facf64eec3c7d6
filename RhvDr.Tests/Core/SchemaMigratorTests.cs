using Dapper;
using RhvDr.Core.Data;

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
    public async Task MigrateAsync_NewDatabase_UsesWriteAheadLogAndForeignKeys()
    {
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);

        await using var connection = await _database.Connections.OpenAsync(CancellationToken.None);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode;")));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA foreign_keys;")));
    }
}
