using YamlDotNet.RepresentationModel;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Reads typed values out of one YAML mapping, reporting wrong types with their key path and position. A lenient reader
/// (the DR mapping, whose role ignores keys it does not know) keeps every key it was not asked for as an
/// <see cref="UnknownKey"/>; a strict one (the plans file) is given the keys its format has and refuses any other with an
/// error, so a misspelt <c>priorty</c> is never dropped while the plan starts the VM in the default group.
/// </summary>
internal sealed class YamlMapReader
{
    private readonly List<Entry> _entries = [];
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
    private readonly MappingImportContext _context;
    private readonly string? _reference;

    /// <summary>A lenient reader: keys it is not asked for are left for <see cref="Unknown"/>.</summary>
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

    /// <summary>A strict reader: every key not in <paramref name="knownKeys"/> is an error that names them and <paramref name="reference"/>.</summary>
    /// <param name="reference">Where the format is shown, e.g. <c>examples/rhvdr-plans.yml</c>.</param>
    public YamlMapReader(YamlMappingNode node, string path, MappingImportContext context, IReadOnlyCollection<string> knownKeys, string reference)
        : this(node, path, context)
    {
        _reference = reference;
        foreach (var entry in _entries.Where(e => !knownKeys.Contains(e.Key, StringComparer.Ordinal)))
        {
            _consumed.Add(entry.Key);
            _context.Report(MappingSeverity.Error, MappingFindingCodes.KeyUnknown, ChildPath(entry.Key), entry.KeyNode.Start,
                $"'{entry.Key}' is not a key of {DescribePath(path)}; nothing was saved.",
                $"Use one of: {string.Join(", ", knownKeys)} (see {reference}).");
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
                $"'{key}' must be true or false, found '{scalar.Value}'.",
                "Write true or false (quoted or not; yes and no are read too).");
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
                "Write a number such as 30 (quoted or not).");
        }

        return value;
    }

    /// <summary>A list of strings, null when the key is absent; a single string is a list of one, as Ansible's <c>with_items</c> reads it.</summary>
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
                    _context.Locate($"{ChildPath(key)}[{index}]", item.Start);
                    if (item is YamlScalarNode itemScalar && !YamlScalars.IsNull(itemScalar))
                    {
                        items.Add(itemScalar.Value ?? string.Empty);
                    }
                    else
                    {
                        _context.Report(MappingSeverity.Error, MappingFindingCodes.ValueNotAScalar, $"{ChildPath(key)}[{index}]", item.Start,
                            $"Every item of '{key}' must be a name or value.", $"Write '{key}' as [\"first\", \"second\"].");
                    }

                    index++;
                }

                return new ValueList<string>(items);
            default:
                _context.Report(MappingSeverity.Error, MappingFindingCodes.KeyNotAList, ChildPath(key), entry.Value.Start,
                    $"'{key}' must be a list of names or values (line {entry.Value.Start.Line}).", $"Write '{key}' as [\"first\", \"second\"].");
                return null;
        }
    }

    /// <summary>The mapping items of a list key as lenient readers; an absent or empty key is an empty list, as the role treats it.</summary>
    public IReadOnlyList<YamlMapReader> Items(string key) =>
        [.. ItemNodes(key).Select(item => new YamlMapReader(item.Node, item.Path, _context))];

    /// <summary>The mapping items of a list key, each read strictly with <paramref name="knownKeys"/>; an absent or null key is an empty list.</summary>
    public ValueList<T> Items<T>(string key, IReadOnlyCollection<string> knownKeys, Func<YamlMapReader, T?> read)
        where T : class
    {
        var items = ItemNodes(key)
            .Select(item => read(new YamlMapReader(item.Node, item.Path, _context, knownKeys, _reference ?? "the documentation")))
            .OfType<T>()
            .ToList();
        return items.Count == 0 ? ValueList<T>.Empty : new ValueList<T>(items);
    }

    /// <summary>A nested mapping read strictly with <paramref name="knownKeys"/>, or null when the key is absent or null.</summary>
    public YamlMapReader? Map(string key, IReadOnlyCollection<string> knownKeys)
    {
        var entry = Take(key);
        switch (entry?.Value)
        {
            case null:
                return null;
            case YamlScalarNode scalar when YamlScalars.IsNull(scalar):
                return null;
            case YamlMappingNode map:
                return new YamlMapReader(map, ChildPath(key), _context, knownKeys, _reference ?? "the documentation");
            default:
                _context.Report(MappingSeverity.Error, MappingFindingCodes.ItemNotAMapping, ChildPath(key), entry.Value.Start,
                    $"'{key}' must be a mapping of keys and values (line {entry.Value.Start.Line}).",
                    $"Write '{key}:' followed by indented 'key: value' lines ({string.Join(", ", knownKeys)}).");
                return null;
        }
    }

    /// <summary>An error about <paramref name="key"/>, placed on its value; on this mapping when the key is missing.</summary>
    public void Report(string code, string key, string message, string fix)
    {
        var entry = _entries.Find(e => e.Key == key);
        _context.Report(MappingSeverity.Error, code, entry is null ? Path : ChildPath(key), entry is null ? Node.Start : entry.Value.Start, message, fix);
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

    // 'priority' at plans[0].vms[1], or the top of the file for the root mapping.
    private static string DescribePath(string path)
    {
        if (path.Length == 0)
        {
            return "the top of the file";
        }

        var last = path[(Math.Max(path.LastIndexOf('.'), -1) + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return $"'{(bracket > 0 ? last[..bracket] : last)}' at {path}";
    }

    private List<(YamlMappingNode Node, string Path)> ItemNodes(string key)
    {
        var entry = Take(key);
        if (entry is null || entry.Value is YamlScalarNode scalar && YamlScalars.IsNull(scalar))
        {
            return [];
        }

        if (entry.Value is not YamlSequenceNode sequence)
        {
            _context.Report(MappingSeverity.Error, MappingFindingCodes.KeyNotAList, ChildPath(key), entry.Value.Start,
                $"'{key}' must be a list (line {entry.Value.Start.Line}).",
                $"Write each entry of '{key}' as a list item starting with '- '.");
            return [];
        }

        var items = new List<(YamlMappingNode, string)>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var itemPath = $"{ChildPath(key)}[{index}]";
            _context.Locate(itemPath, item.Start);
            if (item is YamlMappingNode map)
            {
                items.Add((map, itemPath));
            }
            else
            {
                _context.Report(MappingSeverity.Error, MappingFindingCodes.ItemNotAMapping, itemPath, item.Start,
                    $"Item {index} of '{key}' is not a mapping of keys and values; it was skipped.",
                    "Write the item as '- key: value' lines.");
            }

            index++;
        }

        return items;
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
