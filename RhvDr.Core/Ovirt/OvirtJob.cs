namespace RhvDr.Core.Ovirt;

/// <summary>An engine job; DR steps follow long actions through their correlation id. Status: started, finished, failed, aborted.</summary>
public sealed record OvirtJob
{
    public string? Id { get; init; }

    public string? Description { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public DateTimeOffset? LastUpdated { get; init; }
}
