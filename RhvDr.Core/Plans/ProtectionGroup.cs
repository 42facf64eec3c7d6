using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// A named set of replicated storage domains (primary-side names), the unit the array moves together. The VMs and templates
/// of a group are the ones with disks on its domains; they are read from the primary inventory, not listed here.
/// </summary>
public sealed record ProtectionGroup
{
    /// <summary>The implicit group of every storage domain the active mapping maps: the whole estate.</summary>
    public const string All = "all";

    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public ValueList<string> StorageDomains { get; init; } = ValueList<string>.Empty;
}
