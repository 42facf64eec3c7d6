using System.Collections;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// An engine collection: <c>{"vm": [...]}</c> at the top level, <c>{"storage_domain": [...]}</c> when nested, <c>{}</c> when empty.
/// The element name varies by type, so the converter takes the first array it finds.
/// </summary>
[JsonConverter(typeof(OvirtCollectionConverterFactory))]
public sealed class OvirtCollection<T>(IReadOnlyList<T> items) : IReadOnlyList<T>
{
    public static OvirtCollection<T> Empty { get; } = new([]);

    public IReadOnlyList<T> Items { get; } = items;

    public int Count => Items.Count;

    public T this[int index] => Items[index];

    public IEnumerator<T> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
