using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RhvDr.Core.Data;

/// <summary>Brings the database to the newest schema; safe to run on every start and from several processes.</summary>
public sealed partial class SchemaMigrator(SqliteConnectionFactory connections, IReadOnlyList<SchemaMigration>? migrations = null, ILogger<SchemaMigrator>? logger = null)
{
    private readonly IReadOnlyList<SchemaMigration> _migrations = migrations ?? SchemaMigrations.All;
    private readonly ILogger _logger = logger ?? NullLogger<SchemaMigrator>.Instance;

    /// <summary>Applies the migrations not applied yet and returns their versions.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);

        // WAL lets the UI read history while the poller writes; the mode is stored in the file, so setting it once suffices.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        var applied = new List<int>();
        foreach (var migration in _migrations.OrderBy(m => m.Version))
        {
            // BEGIN IMMEDIATE takes the write lock before the check, so two consoles starting together cannot both apply it.
            var transaction = connection.BeginTransaction(deferred: false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version;",
                new { migration.Version },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (done > 0)
            {
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O") },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(migration.Version);
            LogApplied(_logger, migration.Version, migration.Name, connections.DatabasePath);
        }
        return applied;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} {Name} to {Database}")]
    private static partial void LogApplied(ILogger logger, int version, string name, string database);
}
