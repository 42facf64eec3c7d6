namespace RhvDr.Core.Security;

/// <summary>User accounts in the database.</summary>
public interface IUserStore
{
    Task<int> CountAsync(CancellationToken cancellationToken);

    Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Inserts and returns the id; null when the name is taken.</summary>
    Task<long?> InsertAsync(UserAccount user, CancellationToken cancellationToken);

    /// <summary>Inserts only while the table is empty (first set-up); null when someone was first.</summary>
    Task<long?> InsertFirstAsync(UserAccount user, CancellationToken cancellationToken);

    Task UpdateAsync(UserAccount user, CancellationToken cancellationToken);

    Task DeleteAsync(long id, CancellationToken cancellationToken);
}
