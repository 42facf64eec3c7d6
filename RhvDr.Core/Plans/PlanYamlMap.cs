using RhvDr.Core.Mapping;
using YamlDotNet.RepresentationModel;

namespace RhvDr.Core.Plans;

/// <summary>
/// Reads typed values out of one mapping of <c>rhvdr-plans.yml</c>, reporting a wrong type, or a key the format does not
/// have, with its key path and line: a misspelt <c>priorty</c> must never be dropped while the plan starts the VM in the
/// default group.
/// </summary>
internal sealed class PlanYamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly MappingImportContext _context;
    private readonly YamlMappingNode _node;

    public PlanYamlMap(YamlMappingNode node, string path, IReadOnlyCollection<string> knownKeys, MappingImportContext context)
    {
        _node = node;
        Path = path;
        _context = context;
        foreach (var (keyNode, value) in node.Children)
        {
            var key = keyNode is YamlScalarNode scalar ? scalar.Value ?? string.Empty : YamlFragments.ToText(keyNode);
            _entries[key] = (keyNode, value);
            _context.Locate(ChildPath(key), keyNode.Start);
            if (!knownKeys.Contains(key, StringComparer.Ordinal))
            {
                _context.Report(MappingSeverity.Error, MappingFindingCodes.KeyUnknown, ChildPath(key), keyNode.Start,
                    $"'{key}' is not a key of {Describe(path)}; nothing was saved.",
                    $"Use one of: {string.Join(", ", knownKeys)} (see examples/rhvdr-plans.yml).");
            }
        }
    }

    public string Path { get; }

    public string ChildPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public YamlNode? Node(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public string? String(string key)
    {
        var scalar = Scalar(key);
        return scalar is null || YamlScalars.IsNull(scalar) ? null : scalar.Value ?? string.Empty;
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
                $"'{key}' must be true or false, found '{scalar.Value}'.", "Write true or false.");
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
                $"'{key}' must be a whole number, found '{scalar.Value}'.", "Write a number such as 2 or 30.");
        }

        return value;
    }

    /// <summary>A list of strings; a single string is a list of one.</summary>
    public ValueList<string> StringList(string key)
    {
        switch (Node(key))
        {
            case null:
                return ValueList<string>.Empty;
            case YamlScalarNode scalar:
                return YamlScalars.IsNull(scalar) ? ValueList<string>.Empty : [scalar.Value ?? string.Empty];
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
            case var other:
                _context.Report(MappingSeverity.Error, MappingFindingCodes.KeyNotAList, ChildPath(key), other.Start,
                    $"'{key}' must be a list of names or values (line {other.Start.Line}).", $"Write '{key}' as [\"first\", \"second\"].");
                return ValueList<string>.Empty;
        }
    }

    /// <summary>A nested mapping, or null when the key is absent or null.</summary>
    public PlanYamlMap? Map(string key, IReadOnlyCollection<string> knownKeys)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case YamlScalarNode scalar when YamlScalars.IsNull(scalar):
                return null;
            case YamlMappingNode map:
                return new PlanYamlMap(map, ChildPath(key), knownKeys, _context);
            case var other:
                _context.Report(MappingSeverity.Error, MappingFindingCodes.ItemNotAMapping, ChildPath(key), other.Start,
                    $"'{key}' must be a mapping of keys and values (line {other.Start.Line}).",
                    $"Write '{key}:' followed by indented 'key: value' lines ({string.Join(", ", knownKeys)}).");
                return null;
        }
    }

    /// <summary>The mapping items of a list key; an absent or null key is an empty list.</summary>
    public ValueList<T> Items<T>(string key, IReadOnlyCollection<string> knownKeys, Func<PlanYamlMap, T?> read)
        where T : class
    {
        var node = Node(key);
        if (node is null || node is YamlScalarNode scalar && YamlScalars.IsNull(scalar))
        {
            return ValueList<T>.Empty;
        }

        if (node is not YamlSequenceNode sequence)
        {
            _context.Report(MappingSeverity.Error, MappingFindingCodes.KeyNotAList, ChildPath(key), node.Start,
                $"'{key}' must be a list (line {node.Start.Line}).", $"Write each entry of '{key}' as a list item starting with '- '.");
            return ValueList<T>.Empty;
        }

        var items = new List<T>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var itemPath = $"{ChildPath(key)}[{index}]";
            _context.Locate(itemPath, item.Start);
            if (item is YamlMappingNode map)
            {
                if (read(new PlanYamlMap(map, itemPath, knownKeys, _context)) is { } value)
                {
                    items.Add(value);
                }
            }
            else
            {
                _context.Report(MappingSeverity.Error, MappingFindingCodes.ItemNotAMapping, itemPath, item.Start,
                    $"Item {index} of '{key}' is not a mapping of keys and values.", "Write the item as '- key: value' lines.");
            }

            index++;
        }

        return new ValueList<T>(items);
    }

    public void Report(string code, string key, string message, string fix)
    {
        // Without the key (a required one is missing), the finding is placed on the mapping that lacks it.
        var found = _entries.TryGetValue(key, out var entry);
        _context.Report(MappingSeverity.Error, code, found ? ChildPath(key) : Path, found ? entry.Value.Start : _node.Start, message, fix);
    }

    private YamlScalarNode? Scalar(string key)
    {
        var node = Node(key);
        if (node is null or YamlScalarNode)
        {
            return node as YamlScalarNode;
        }

        _context.Report(MappingSeverity.Error, MappingFindingCodes.ValueNotAScalar, ChildPath(key), node.Start,
            $"'{key}' must be a single value, found a {node.NodeType.ToString().ToLowerInvariant()}.", $"Write '{key}: value' on one line.");
        return null;
    }

    private static string Describe(string path)
    {
        if (path.Length == 0)
        {
            return "the plans file (protection_groups, plans)";
        }

        var last = path[(Math.Max(path.LastIndexOf('.'), -1) + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return $"'{(bracket > 0 ? last[..bracket] : last)}' at {path}";
    }
}
