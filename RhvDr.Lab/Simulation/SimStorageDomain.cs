namespace RhvDr.Lab.Simulation;

/// <summary>A storage domain as one engine knows it. Attachment state lives here: <see cref="DataCenterId"/> null means unattached.</summary>
public sealed class SimStorageDomain
{
    public required string Id { get; init; }
    public required string Name { get; set; }

    /// <summary>data, export, iso, image.</summary>
    public string Type { get; init; } = "data";

    /// <summary>nfs, iscsi, fcp, ...</summary>
    public required string StorageType { get; init; }
    public string? Address { get; init; }
    public string? Path { get; init; }
    public string? Target { get; init; }
    public int Port { get; init; } = 3260;
    public bool Master { get; set; }
    public bool HostedEngine { get; init; }
    public long AvailableBytes { get; set; }
    public long UsedBytes { get; set; }
    public long CommittedBytes { get; set; }
    public string ExternalStatus { get; set; } = "ok";
    public string? DataCenterId { get; set; }

    /// <summary>Status in its data center: active, maintenance, inactive, locked, activating, ...</summary>
    public string Status { get; set; } = "unattached";

    /// <summary>The VM definitions written to this domain's OVF store at <see cref="OvfUpdatedAt"/>: what a replica of it can register.</summary>
    public Dictionary<string, SimVm> OvfVms { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, SimTemplate> OvfTemplates { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset? OvfUpdatedAt { get; set; }
}
