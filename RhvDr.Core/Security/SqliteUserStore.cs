using Dapper;
using Microsoft.Data.Sqlite;
using RhvDr.Core.Data;

namespace RhvDr.Core.Security;

/// <summary><see cref="IUserStore"/> over table <c>users</c> (migration 6).</summary>
public sealed class SqliteUserStore(SqliteConnectionFactory connections) : IUserStore
{
    private const string Columns = """
        id AS Id, username AS Username, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash,
        external AS External, disabled AS Disabled, failed_count AS FailedCount, lockout_end_ms AS LockoutEndMs,
        stamp AS Stamp, created_ms AS CreatedMs, last_signin_ms AS LastSignInMs
        """;

    private const string InsertColumns = """
        (username, display_name, role, password_hash, external, disabled, failed_count, lockout_end_ms, stamp, created_ms, last_signin_ms)
        """;

    private const string InsertValues = """
        @Username, @DisplayName, @Role, @PasswordHash, @External, @Disabled, @FailedCount, @LockoutEndMs, @Stamp, @CreatedMs, @LastSignInMs
        """;

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM users;", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE username = @username;", new { username }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM users ORDER BY username;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<long?> InsertAsync(UserAccount user, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"INSERT INTO users {InsertColumns} VALUES ({InsertValues}) RETURNING id;", Parameters(user), cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return null;
        }
    }

    public async Task<long?> InsertFirstAsync(UserAccount user, CancellationToken cancellationToken)
    {
        // One statement, so two first visitors cannot both become the first administrator.
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"INSERT INTO users {InsertColumns} SELECT {InsertValues} WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING id;",
            Parameters(user), cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task UpdateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            UPDATE users SET display_name = @DisplayName, role = @Role, password_hash = @PasswordHash, external = @External,
                disabled = @Disabled, failed_count = @FailedCount, lockout_end_ms = @LockoutEndMs, stamp = @Stamp, last_signin_ms = @LastSignInMs
            WHERE id = @Id;
            """;
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, Parameters(user), cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @id;", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static object Parameters(UserAccount user) => new
    {
        user.Id,
        user.Username,
        user.DisplayName,
        Role = user.Role.ToString(),
        user.PasswordHash,
        External = user.External ? 1 : 0,
        Disabled = user.Disabled ? 1 : 0,
        user.FailedCount,
        LockoutEndMs = user.LockoutEnd?.ToUnixTimeMilliseconds(),
        user.Stamp,
        CreatedMs = user.CreatedAt.ToUnixTimeMilliseconds(),
        LastSignInMs = user.LastSignInAt?.ToUnixTimeMilliseconds(),
    };

    private sealed record Row(
        long Id, string Username, string? DisplayName, string Role, string? PasswordHash, long External, long Disabled,
        long FailedCount, long? LockoutEndMs, string Stamp, long CreatedMs, long? LastSignInMs)
    {
        public UserAccount ToAccount() => new()
        {
            Id = Id,
            Username = Username,
            DisplayName = DisplayName,
            Role = Enum.Parse<Security.Role>(Role),
            PasswordHash = PasswordHash,
            External = External != 0,
            Disabled = Disabled != 0,
            FailedCount = (int)FailedCount,
            LockoutEnd = LockoutEndMs is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
            Stamp = Stamp,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedMs),
            LastSignInAt = LastSignInMs is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null,
        };
    }
}
