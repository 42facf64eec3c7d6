namespace RhvDr.Core.Security;

/// <summary>Engine credentials an administrator stored in the console, password encrypted.</summary>
public interface IEngineCredentialStore
{
    Task<IReadOnlyList<StoredEngineCredential>> ListAsync(CancellationToken cancellationToken);

    Task UpsertAsync(StoredEngineCredential credential, CancellationToken cancellationToken);
}
