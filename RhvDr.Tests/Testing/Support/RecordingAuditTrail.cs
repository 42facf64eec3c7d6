using RhvDr.Core.Audit;

namespace RhvDr.Tests.Support;

/// <summary>An audit trail in memory that keeps what was appended, for tests that check what a service records.</summary>
public sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly Lock _gate = new();
    private readonly List<AuditRecord> _records = [];

    public IReadOnlyList<AuditRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    public Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var previous = _records.Count == 0 ? AuditHash.Genesis : _records[^1].Hash;
            var record = new AuditRecord(_records.Count + 1, DateTimeOffset.UtcNow, entry.Actor, entry.Source, entry.Action, entry.Target, entry.Outcome,
                entry.Before, entry.After, entry.Detail, previous, $"{_records.Count + 1}");
            _records.Add(record);
            return Task.FromResult(record);
        }
    }

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditRecord>>(Records.Reverse().ToList());

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AuditVerification(true, Records.Count, null, null));
}
