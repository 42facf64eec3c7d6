namespace RhvDr.Core.Audit;

/// <summary>The append-only, hash-chained record of sign-ins, changes and run decisions.</summary>
public interface IAuditTrail
{
    /// <summary>Appends an entry at the head of the chain (appends are serialized so the chain has no forks).</summary>
    Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Re-computes every hash from the first entry and names the first broken link.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);
}
