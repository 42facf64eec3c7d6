namespace RhvDr.Core.Mapping;

/// <summary>
/// Where each key path of an imported file was written, so validation findings can point at a line.
/// Kept outside <see cref="DrMapping"/> so positions never affect mapping equality.
/// </summary>
public sealed class MappingSourceMap
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    public static MappingSourceMap Empty { get; } = new();

    public int Count => _locations.Count;

    internal void Add(string keyPath, SourceLocation location) => _locations.TryAdd(keyPath, location);

    /// <summary>The location of <paramref name="keyPath"/>, or of its nearest enclosing key (an item, a list).</summary>
    public SourceLocation? Find(string keyPath)
    {
        var path = keyPath;
        while (path.Length > 0)
        {
            if (_locations.TryGetValue(path, out var location))
            {
                return location;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                break;
            }

            path = path[..cut];
        }

        return null;
    }
}
