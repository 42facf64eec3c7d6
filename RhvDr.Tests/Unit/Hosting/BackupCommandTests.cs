using Microsoft.Data.Sqlite;
using RhvDr.Console.Hosting.Commands;

namespace RhvDr.Tests.Hosting;

public sealed class BackupCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rhvdr-backup-").FullName;

    private string Database => Path.Combine(_directory, "rhvdr.db");

    [Fact]
    public async Task RunAsync_CommitsStillInTheWriteAheadLog_BackupHoldsThem()
    {
        // A console mid-run: its last commits are in rhvdr.db-wal only, and its connection stays open.
        await using var console = await OpenAsync(Database);
        await ExecuteAsync(console, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 'first', '2026-12-05T00:00:00Z');
            CREATE TABLE users (username TEXT NOT NULL, role TEXT NOT NULL);
            PRAGMA wal_checkpoint(TRUNCATE);
            PRAGMA wal_autocheckpoint=0;
            INSERT INTO users VALUES ('anna', 'Operator');
            """);
        var fileCopy = Path.Combine(_directory, "file-copy.db");
        File.Copy(Database, fileCopy);
        Assert.Equal(0L, await CountUsersAsync(fileCopy));
        var target = Path.Combine(_directory, "rhvdr-backup.db");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await BackupCommand.RunAsync([target, $"--RhvDr:DatabasePath={Database}"], output, error, CancellationToken.None);

        Assert.True(exitCode == 0, error.ToString());
        Assert.Equal(1L, await CountUsersAsync(target));
        Assert.Contains($"Backed up {Database} to {target}", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(target + "-wal"), "the backup is one file");
    }

    [Fact]
    public async Task RunAsync_TargetExists_ReplacesIt()
    {
        await using (var console = await OpenAsync(Database))
        {
            await ExecuteAsync(console, """
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                INSERT INTO schema_migrations VALUES (6, 'security', '2026-12-05T00:00:00Z');
                """);
        }
        var target = Path.Combine(_directory, "rhvdr-backup.db");
        await File.WriteAllTextAsync(target, "yesterday's backup");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await BackupCommand.RunAsync([target, $"--RhvDr:DatabasePath={Database}"], output, error, CancellationToken.None);

        Assert.True(exitCode == 0, error.ToString());
        Assert.Contains("schema version 6", output.ToString(), StringComparison.Ordinal);
        Assert.Equal([target, Database], Directory.GetFiles(_directory).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NoFile_PrintsUsageAndExits2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await BackupCommand.RunAsync([], output, error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(BackupCommand.Usage, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TargetIsADirectory_Exits1SayingSo()
    {
        await using (var console = await OpenAsync(Database))
        {
            await ExecuteAsync(console, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);");
        }
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await BackupCommand.RunAsync([_directory, $"--RhvDr:DatabasePath={Database}"], output, error, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Cannot write the backup to {_directory}: it is a directory", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountUsersAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM users;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
