namespace RhvDr.Core.Security;

/// <summary>API tokens in the database, kept as SHA-256 hashes.</summary>
public interface IApiTokenStore
{
    Task<int> CountAsync(CancellationToken cancellationToken);

    Task<long> InsertAsync(string name, Role role, string tokenHash, string prefix, string createdBy, DateTimeOffset createdAt, CancellationToken cancellationToken);

    Task<ApiTokenInfo?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<ApiTokenInfo?> GetAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiTokenInfo>> ListAsync(CancellationToken cancellationToken);

    Task RevokeAsync(long id, string revokedBy, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    Task TouchAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken);
}
