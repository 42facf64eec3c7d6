namespace RhvDr.Core.Mapping;

/// <summary>Lets collection expressions (<c>[a, b]</c>) build a <see cref="ValueList{T}"/>.</summary>
public static class ValueListBuilder
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? ValueList<T>.Empty : new ValueList<T>(items.ToArray());
}
