namespace RhvDr.Core.Mapping;

/// <summary>
/// What a save says it means to remove (<c>?confirmRemoval=</c> of the API, or the Mapping page's confirmation dialog):
/// primary-side names, comma separated, or <c>all</c>. A mapping that maps no storage domain at all needs <c>all</c>.
/// </summary>
public sealed record MappingRemovalConfirmation
{
    public const string AllKeyword = "all";

    public static MappingRemovalConfirmation None { get; } = new();

    public static MappingRemovalConfirmation Everything { get; } = new() { All = true };

    /// <summary>Every removal is confirmed, including leaving no storage domain mapped.</summary>
    public bool All { get; private init; }

    public IReadOnlySet<string> Names { get; private init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool IsEmpty => !All && Names.Count == 0;

    /// <summary>Reads <c>name1,name2</c> or <c>all</c>; blanks and surrounding spaces are ignored.</summary>
    public static MappingRemovalConfirmation Parse(string? text)
    {
        var names = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Any(n => string.Equals(n, AllKeyword, StringComparison.OrdinalIgnoreCase)))
        {
            return Everything;
        }

        return names.Length == 0 ? None : new MappingRemovalConfirmation { Names = names.ToHashSet(StringComparer.Ordinal) };
    }

    /// <summary>Confirms exactly these objects (what the Mapping page's dialog listed).</summary>
    public static MappingRemovalConfirmation Of(IEnumerable<MappingRemovedObject> removed) =>
        new() { Names = removed.Select(r => r.Name).ToHashSet(StringComparer.Ordinal) };

    public bool Covers(MappingRemovedObject removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        return All || Names.Contains(removed.Name);
    }

    /// <summary>How the audit trail and the API spell it.</summary>
    public override string ToString() => All ? AllKeyword : string.Join(",", Names.Order(StringComparer.Ordinal));
}
