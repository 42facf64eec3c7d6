namespace RhvDr.Core.Ovirt;

/// <summary>An audit log event from <c>/events</c>.</summary>
public sealed record OvirtEvent
{
    public long Id { get; init; }

    public int? Code { get; init; }

    public string? Description { get; init; }

    public string? Severity { get; init; }

    public DateTimeOffset? Time { get; init; }

    public string? CorrelationId { get; init; }

    public OvirtRef? Vm { get; init; }

    public OvirtRef? Host { get; init; }

    public OvirtRef? StorageDomain { get; init; }

    public OvirtRef? Cluster { get; init; }

    public OvirtRef? DataCenter { get; init; }
}
