namespace RhvDr.Lab.Simulation;

/// <summary>An audit log entry; its code and severity are those of an <see cref="EventCodes"/> entry.</summary>
public sealed record SimEvent(
    long Id,
    int Code,
    string Severity,
    string Description,
    DateTimeOffset Time,
    string? HostId = null,
    string? VmId = null,
    string? StorageDomainId = null,
    string? DataCenterId = null,
    string? ClusterId = null,
    string? CorrelationId = null);
