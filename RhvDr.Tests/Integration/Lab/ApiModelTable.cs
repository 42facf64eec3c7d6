using System.Xml.Linq;

namespace RhvDr.Tests.Lab;

/// <summary>
/// The oVirt API model as a table (Lab/Data/ovirt-api-model.tsv, derived from oVirt/ovirt-engine-api-model at the commit its
/// first line names, by ovirt-api-model-table.py beside it): for each type, the XML names its attributes and links may have;
/// for each service, its actions and their input parameters.
/// </summary>
internal sealed class ApiModelTable
{
    private static readonly HashSet<string> Primitives = new(StringComparer.Ordinal) { "String", "Integer", "Long", "Boolean", "Date", "Decimal", "Double" };
    private static readonly Lazy<ApiModelTable> Loaded = new(Load);

    private readonly Dictionary<string, string> _elements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _rels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Service, string Action), HashSet<string>> _actions = [];

    public static ApiModelTable Instance => Loaded.Value;

    public string ElementName(string type) => _elements[type];

    /// <summary>The input parameters of an action method (<c>VmService</c>, <c>start</c>), or null when the service has no such action.</summary>
    public IReadOnlySet<string>? ActionParameters(string service, string action) => _actions.GetValueOrDefault((service, action));

    /// <summary>Every place where <paramref name="element"/> uses a name the model's <paramref name="type"/> does not have.</summary>
    public IEnumerable<string> Violations(XElement element, string type, string path)
    {
        foreach (var attribute in element.Attributes())
        {
            var name = attribute.Name.LocalName;
            if (name is not ("id" or "href") || IsScalar(type) || !_members[type].ContainsKey("id"))
            {
                yield return $"{path}: attribute '{name}' is not in the model's {type}";
            }
        }

        if (IsScalar(type))
        {
            if (element.HasElements)
            {
                yield return $"{path}: {type} is a value in the model, but has elements";
            }

            yield break;
        }

        if (!_members.TryGetValue(type, out var members))
        {
            yield return $"{path}: the model has no type {type}";
            yield break;
        }

        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            var childPath = $"{path}/{name}";
            if (name == "link")
            {
                var rel = (string?)child.Attribute("rel");
                if (rel is null || !_rels.GetValueOrDefault(type, []).Contains(rel))
                {
                    yield return $"{childPath}: rel '{rel}' is not a link of the model's {type}";
                }

                continue;
            }

            if (!members.TryGetValue(name, out var memberType))
            {
                yield return $"{childPath}: the model's {type} has no '{name}'";
                continue;
            }

            if (!memberType.EndsWith("[]", StringComparison.Ordinal))
            {
                foreach (var violation in Violations(child, memberType, childPath))
                {
                    yield return violation;
                }

                continue;
            }

            var itemType = memberType[..^2];
            foreach (var item in child.Elements())
            {
                var itemPath = $"{childPath}/{item.Name.LocalName}";

                // A list of values names its items after the list (usages/usage); a list of structures after their type.
                if (!IsScalar(itemType) && item.Name.LocalName != ElementName(itemType))
                {
                    yield return $"{itemPath}: items of {type}.{name} are '{ElementName(itemType)}' in the model";
                    continue;
                }

                foreach (var violation in Violations(item, itemType, itemPath))
                {
                    yield return violation;
                }
            }
        }
    }

    private bool IsScalar(string type) => Primitives.Contains(type) || _enums.Contains(type);

    private static ApiModelTable Load()
    {
        var table = new ApiModelTable();
        var path = Path.Combine(AppContext.BaseDirectory, "Lab", "Data", "ovirt-api-model.tsv");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var f = line.Split('\t');
            switch (f[0])
            {
                case "enum":
                    table._enums.Add(f[1]);
                    break;
                case "element":
                    table._elements[f[1]] = f[2];
                    table._members[f[1]] = new(StringComparer.Ordinal);
                    break;
                case "member":
                    table._members[f[1]][f[2]] = f[3];
                    break;
                case "rel":
                    if (!table._rels.TryGetValue(f[1], out var rels))
                    {
                        table._rels[f[1]] = rels = new(StringComparer.Ordinal);
                    }

                    rels.Add(f[2]);
                    break;
                case "action":
                    table._actions[(f[1], f[2])] = new(StringComparer.Ordinal);
                    break;
                case "param":
                    table._actions[(f[1], f[2])].Add(f[3]);
                    break;
                default:
                    throw new InvalidDataException($"{path}: unknown row kind '{f[0]}'");
            }
        }

        return table;
    }
}
