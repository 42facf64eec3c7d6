namespace RhvDr.Core.Mapping;

/// <summary>
/// A save refused because it would take DR protection away without saying so: the new mapping maps no storage domain, or it
/// drops objects the active mapping covers. <see cref="Removed"/> lists what would go; nothing was saved.
/// </summary>
public sealed class MappingRemovalRefusedException(string message, IReadOnlyList<MappingRemovedObject> removed, bool noStorage)
    : Exception(message)
{
    public IReadOnlyList<MappingRemovedObject> Removed { get; } = removed;

    /// <summary>The new mapping maps no storage domain: only <c>confirmRemoval=all</c> saves it.</summary>
    public bool NoStorage { get; } = noStorage;

    /// <summary>The <c>confirmRemoval</c> value that would save it.</summary>
    public string ConfirmWith => NoStorage || Removed.Count == 0 ? MappingRemovalConfirmation.AllKeyword : string.Join(",", Removed.Select(r => r.Name).Distinct(StringComparer.Ordinal));
}
