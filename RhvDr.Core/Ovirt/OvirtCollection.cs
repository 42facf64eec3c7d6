using System.Collections;
using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// An engine collection: <c>{"vm": [...]}</c> at the top level, <c>{"storage_domain": [...]}</c> when nested, <c>{}</c> when empty.
/// The element name varies by type, so the converter takes the first array it finds and remembers under which key.
/// </summary>
[JsonConverter(typeof(OvirtCollectionConverterFactory))]
public sealed class OvirtCollection<T>(IReadOnlyList<T> items, string? key = null) : IReadOnlyList<T>
{
    public static OvirtCollection<T> Empty { get; } = new([]);

    public IReadOnlyList<T> Items { get; } = items;

    /// <summary>The key the items were read from, or the first key of an object that held no list; null for <c>{}</c> or a bare array.</summary>
    public string? Key { get; } = key;

    public int Count => Items.Count;

    public T this[int index] => Items[index];

    /// <summary>
    /// True when this is what API v4 answers for <paramref name="collectionPath"/>: <c>{}</c>, or the items under the element
    /// name of the path's last segment (<c>vms</c> → <c>vm</c>, <c>storagedomains</c> → <c>storage_domain</c>,
    /// <c>hosts/ID/storage</c> → <c>host_storage</c>).
    /// </summary>
    public bool IsListOf(string collectionPath)
    {
        if (Key is null)
        {
            return true;
        }
        var element = Singular(Name(collectionPath).ToLowerInvariant());
        var keyName = Key.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return keyName.Length > 0 && (keyName.EndsWith(element, StringComparison.Ordinal) || element.EndsWith(keyName, StringComparison.Ordinal));
    }

    /// <summary>The collection a path reads, as the URL names it: <c>datacenters/ID/storagedomains?x=1</c> → <c>storagedomains</c>.</summary>
    public static string Name(string collectionPath)
    {
        ArgumentNullException.ThrowIfNull(collectionPath);
        var path = collectionPath.Split('?', 2)[0].TrimEnd('/');
        return path[(path.LastIndexOf('/') + 1)..];
    }

    public IEnumerator<T> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Singular(string name) =>
        name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y"
        : name.EndsWith('s') ? name[..^1]
        : name;
}
