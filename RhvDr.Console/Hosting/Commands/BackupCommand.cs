using Microsoft.Data.Sqlite;

namespace RhvDr.Console.Hosting.Commands;

/// <summary>
/// <c>backup FILE</c>: copies the console's database to FILE with SQLite's online backup API, which reads one consistent
/// snapshot (the WAL included) while the console keeps writing. A plain file copy of a WAL database can miss committed
/// data or catch a half-written page. The database path comes from the console's own configuration.
/// </summary>
public static class BackupCommand
{
    public const string Usage = "Usage: RhvDr.Console backup FILE [--RhvDr:DatabasePath=PATH]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            await error.WriteLineAsync($"{Usage}\nCopies the live database to FILE; safe while the console runs.").ConfigureAwait(false);
            return 2;
        }

        // The console's own configuration sources (appsettings.json, environment, arguments) and content root.
        var host = WebApplication.CreateBuilder(args[1..]);
        var source = ConsoleDataPaths.DatabasePath(host.Configuration, host.Environment);
        var keys = ConsoleDataPaths.KeysPath(host.Configuration, host.Environment);
        var target = Path.GetFullPath(args[0]);

        var refusal = Refusal(source, target);
        if (refusal is not null)
        {
            await error.WriteLineAsync(refusal).ConfigureAwait(false);
            return 1;
        }

        // Read-only: the backup never changes the live database. No pooling: every file is closed when this returns.
        await using var from = new SqliteConnection(ConnectionString(source, SqliteOpenMode.ReadOnly));
        var unreadable = await OpenSourceAsync(from, source, cancellationToken).ConfigureAwait(false);
        if (unreadable is not null)
        {
            await error.WriteLineAsync(unreadable).ConfigureAwait(false);
            return 1;
        }

        // Written beside the target and renamed at the end: a failed backup never leaves a partial file under its name.
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            CreatePrivateFile(temporary);
            var schemaVersion = await CopyAsync(from, temporary, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, target, overwrite: true);
            await output.WriteLineAsync(
                $"Backed up {source} to {target} ({new FileInfo(target).Length:N0} bytes, schema version {schemaVersion}).\n" +
                $"Keep it with a copy of the Data Protection keys in {keys}: without them the stored engine passwords and mapping secrets cannot be read.")
                .ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot write the backup to {target}: {ex.Message} Choose a directory the console's user may write.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is SqliteException or InvalidDataException)
        {
            await error.WriteLineAsync($"Backup of {source} to {target} failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            Delete(temporary);
            Delete(temporary + "-journal");
        }
    }

    /// <summary>Opens the live database and checks that it is the console's; returns what is wrong, in words, or null.</summary>
    private static async Task<string?> OpenSourceAsync(SqliteConnection from, string source, CancellationToken cancellationToken)
    {
        try
        {
            await from.OpenAsync(cancellationToken).ConfigureAwait(false);
            var tables = await ScalarAsync<long>(from, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';", cancellationToken).ConfigureAwait(false);
            return tables == 0 ? $"{source} ({ConsoleDataPaths.DatabasePathKey}) is not an RhvDr database: it has no schema_migrations table." : null;
        }
        catch (SqliteException ex)
        {
            const int CannotOpen = 14;
            var hint = ex.SqliteErrorCode == CannotOpen ? " Run the backup as the console's user (e.g. sudo -u rhvdr)." : "";
            return $"Cannot read the database at {source}: {ex.Message}{hint}";
        }
    }

    private static string? Refusal(string source, string target)
    {
        var sourceDirectory = Path.GetDirectoryName(source);
        if (!File.Exists(source) && sourceDirectory is not null && Directory.Exists(sourceDirectory) && !CanList(sourceDirectory))
        {
            return $"Cannot look for the database {source}: this user may not read {sourceDirectory}. Run the backup as the console's user (e.g. sudo -u rhvdr).";
        }
        if (!File.Exists(source))
        {
            return $"No database at {source} ({ConsoleDataPaths.DatabasePathKey}): nothing to back up. " +
                $"Give the path the console uses (environment RhvDr__DatabasePath, or --{ConsoleDataPaths.DatabasePathKey}=PATH), or start the console once to create it.";
        }
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            return $"The backup file {target} is the live database itself; choose another file.";
        }
        if (Directory.Exists(target))
        {
            return $"Cannot write the backup to {target}: it is a directory; give a file name, e.g. {Path.Combine(target, "rhvdr-backup.db")}.";
        }
        var directory = Path.GetDirectoryName(target);
        if (directory is null || !Directory.Exists(directory))
        {
            return $"Cannot write the backup to {target}: the directory {directory} does not exist.";
        }
        return null;
    }

    private static bool CanList(string directory)
    {
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();
            entries.MoveNext();
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The backup holds password hashes and encrypted secrets: only the console's user may read it.</summary>
    private static void CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(path, options);
    }

    /// <summary>Copies the open database into the empty file <paramref name="destination"/>; returns its schema version.</summary>
    private static async Task<long> CopyAsync(SqliteConnection from, string destination, CancellationToken cancellationToken)
    {
        await using var to = new SqliteConnection(ConnectionString(destination, SqliteOpenMode.ReadWrite));
        await to.OpenAsync(cancellationToken).ConfigureAwait(false);
        from.BackupDatabase(to);

        // One self-contained file that opens anywhere, even read-only; the console turns WAL back on when it starts on it.
        await ScalarAsync<string>(to, "PRAGMA journal_mode=DELETE;", cancellationToken).ConfigureAwait(false);
        var check = await ScalarAsync<string>(to, "PRAGMA quick_check;", cancellationToken).ConfigureAwait(false);
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the copy fails SQLite's integrity check: {check}");
        }
        return await ScalarAsync<long>(to, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a leftover temporary file; the message above already said what went wrong.
        }
    }
}
