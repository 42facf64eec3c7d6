namespace RhvDr.Core.Ovirt;

/// <summary>A host's VM counts.</summary>
public sealed record OvirtVmSummary
{
    public int? Active { get; init; }

    public int? Migrating { get; init; }

    public int? Total { get; init; }
}
