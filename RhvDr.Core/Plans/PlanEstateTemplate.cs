namespace RhvDr.Core.Plans;

/// <summary>
/// A primary-site template and, per disk, the storage domains holding a copy of it. A recovery registers a template whole
/// only when each of its disks has a copy on the domains it imports.
/// </summary>
public sealed record PlanEstateTemplate(string Name, IReadOnlyList<IReadOnlyList<string>> Disks)
{
    /// <summary>Whether every disk has a copy on one of <paramref name="domains"/>; false for a template without disks.</summary>
    public bool IsWholeIn(Func<string, bool> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        return Disks.Count > 0 && Disks.All(d => d.Any(domains));
    }
}
