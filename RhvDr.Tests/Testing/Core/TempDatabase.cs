using Microsoft.Data.Sqlite;
using RhvDr.Core.Data;

namespace RhvDr.Tests.Core;

/// <summary>A migrated SQLite file in a temp directory, deleted afterwards.</summary>
public sealed class TempDatabase : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rhvdr-tests-" + Guid.NewGuid().ToString("N"));

    public SqliteConnectionFactory Connections { get; private set; } = null!;

    /// <summary>Every file of the database (main file, write-ahead log), for tests that look at what is on disk.</summary>
    public IEnumerable<string> Files => Directory.Exists(_directory) ? Directory.EnumerateFiles(_directory) : [];

    public Task InitializeAsync()
    {
        Connections = new SqliteConnectionFactory(Path.Combine(_directory, "rhvdr.db"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        // Pooled connections keep the file open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
