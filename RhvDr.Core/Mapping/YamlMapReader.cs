using YamlDotNet.RepresentationModel;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Reads typed values out of one YAML mapping, reporting wrong types with their key path and position,
/// and keeps every key it was not asked for as an <see cref="UnknownKey"/>.
/// </summary>
internal sealed class YamlMapReader
{
    private readonly List<Entry> _entries = [];
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
    private readonly MappingImportContext _context;

    public YamlMapReader(YamlMappingNode node, string path, MappingImportContext context)
    {
        Node = node;
        Path = path;
        _context = context;
        foreach (var (keyNode, value) in node.Children)
        {
            var key = keyNode is YamlScalarNode scalar ? scalar.Value ?? string.Empty : YamlFragments.ToText(keyNode);
            _entries.Add(new Entry(key, keyNode, value));
            _context.Locate(ChildPath(key), keyNode.Start);
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public string ChildPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _entries.Exists(e => e.Key == key);

    /// <summary>Marks a key as handled without reading it (a secret that must not be kept).</summary>
    public YamlNode? Drop(string key) => Take(key)?.KeyNode;

    public string? String(string key)
    {
        var scalar = Scalar(key);
        return scalar is null || YamlScalars.IsNull(scalar) ? null : scalar.Value ?? string.Empty;
    }

    public SecretValue? Secret(string key)
    {
        var value = String(key);
        return value is null ? null : new SecretValue(value);
    }

    public bool? Bool(string key)
    {
        var scalar = Scalar(key);
        if (scalar is null || YamlScalars.IsNull(scalar))
        {
            return null;
        }

        var value = YamlScalars.ParseBool(scalar.Value ?? string.Empty);
        if (value is null)
        {
            _context.Report(MappingSeverity.Error, MappingFindingCodes.ValueNotABoolean, ChildPath(key), scalar.Start,
                $"'{key}' must be a boolean, found '{scalar.Value}'.",
                "Write True or False (quoted or not), or yes/no.");
        }

        return value;
    }

    public int? Int(string key)
    {
        var scalar = Scalar(key);
        if (scalar is null || YamlScalars.IsNull(scalar))
        {
            return null;
        }

        var value = YamlScalars.ParseInt(scalar.Value ?? string.Empty);
        if (value is null)
        {
            _context.Report(MappingSeverity.Error, MappingFindingCodes.ValueNotANumber, ChildPath(key), scalar.Start,
                $"'{key}' must be a whole number, found '{scalar.Value}'.",
                "Write a number such as 3260 (quoted or not).");
        }

        return value;
    }

    /// <summary>A list of strings; a single string is accepted as a list of one, as Ansible's <c>with_items</c> does.</summary>
    public ValueList<string>? StringList(string key)
    {
        var entry = Take(key);
        switch (entry?.Value)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return YamlScalars.IsNull(scalar) ? null : [scalar.Value ?? string.Empty];
            case YamlSequenceNode sequence:
                var items = new List<string>();
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode itemScalar && !YamlScalars.IsNull(itemScalar))
                    {
                        items.Add(itemScalar.Value ?? string.Empty);
                    }
                    else
                    {
                        _context.Report(MappingSeverity.Error, MappingFindingCodes.ValueNotAScalar, $"{ChildPath(key)}[{index}]", item.Start,
                            $"Every item of '{key}' must be a string.", "Write the list as [\"value1\", \"value2\"].");
                    }

                    index++;
                }

                return new ValueList<string>(items);
            default:
                _context.Report(MappingSeverity.Error, MappingFindingCodes.KeyNotAList, ChildPath(key), entry.Value.Start,
                    $"'{key}' must be a list of strings (line {entry.Value.Start.Line}).", "Write the list as [\"value1\", \"value2\"].");
                return null;
        }
    }

    /// <summary>The mapping items of a list key; an absent or empty key is an empty list, as the role treats it.</summary>
    public IReadOnlyList<YamlMapReader> Items(string key)
    {
        var entry = Take(key);
        if (entry is null || entry.Value is YamlScalarNode scalar && YamlScalars.IsNull(scalar))
        {
            return [];
        }

        if (entry.Value is not YamlSequenceNode sequence)
        {
            _context.Report(MappingSeverity.Error, MappingFindingCodes.KeyNotAList, ChildPath(key), entry.Value.Start,
                $"'{key}' is not a list (line {entry.Value.Start.Line}); the role needs a list of mappings here.",
                $"Write each entry of '{key}' as a list item starting with '- '.");
            return [];
        }

        var readers = new List<YamlMapReader>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var itemPath = $"{ChildPath(key)}[{index}]";
            _context.Locate(itemPath, item.Start);
            if (item is YamlMappingNode map)
            {
                readers.Add(new YamlMapReader(map, itemPath, _context));
            }
            else
            {
                _context.Report(MappingSeverity.Error, MappingFindingCodes.ItemNotAMapping, itemPath, item.Start,
                    $"Item {index} of '{key}' is not a mapping of keys and values; it was skipped.",
                    "Write the item as '- key: value' lines.");
            }

            index++;
        }

        return readers;
    }

    /// <summary>Every key not read so far, in file order, each reported once as unknown.</summary>
    public ValueList<UnknownKey> Unknown()
    {
        var unknown = new List<UnknownKey>();
        foreach (var entry in _entries.Where(e => !_consumed.Contains(e.Key)))
        {
            _consumed.Add(entry.Key);
            unknown.Add(new UnknownKey(entry.Key, YamlFragments.ToText(entry.Value)));
            _context.Report(MappingSeverity.Warning, MappingFindingCodes.KeyUnknown, ChildPath(entry.Key), entry.KeyNode.Start,
                $"'{entry.Key}' is not a key the disaster_recovery role reads; it is kept and exported as is.",
                "Check the spelling if it was meant to be a role key; otherwise nothing to do.");
        }

        return unknown.Count == 0 ? ValueList<UnknownKey>.Empty : new ValueList<UnknownKey>(unknown);
    }

    private YamlScalarNode? Scalar(string key)
    {
        var entry = Take(key);
        if (entry is null)
        {
            return null;
        }

        if (entry.Value is YamlScalarNode scalar)
        {
            return scalar;
        }

        _context.Report(MappingSeverity.Error, MappingFindingCodes.ValueNotAScalar, ChildPath(key), entry.Value.Start,
            $"'{key}' must be a single value, found a {entry.Value.NodeType.ToString().ToLowerInvariant()}.",
            $"Write '{key}: value' on one line.");
        return null;
    }

    private Entry? Take(string key)
    {
        _consumed.Add(key);
        return _entries.Find(e => e.Key == key);
    }

    private sealed record Entry(string Key, YamlNode KeyNode, YamlNode Value);
}
