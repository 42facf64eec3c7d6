using System.Globalization;

namespace RhvDr.Lab.Resources;

/// <summary>
/// One node of an oVirt API resource: every answer is built as a tree of these and rendered by
/// <see cref="JsonResourceWriter"/> or <see cref="XmlResourceWriter"/>, so both formats always agree.
/// Element names follow the oVirt API model (<c>vm</c>, <c>storage_domains</c>, ...).
/// </summary>
public sealed class ResourceNode(string name, ResourceNodeKind kind = ResourceNodeKind.Element)
{
    private List<ResourceNode>? _children;

    public string Name { get; } = name;

    public ResourceNodeKind Kind { get; } = kind;

    public ResourceValueKind ValueKind { get; private init; }

    /// <summary>The scalar text; for dates, epoch milliseconds.</summary>
    public string? Text { get; private init; }

    public string? Href { get; set; }

    public string? Id { get; set; }

    public string? Rel { get; set; }

    public IReadOnlyList<ResourceNode> Children => _children ?? (IReadOnlyList<ResourceNode>)[];

    public static ResourceNode Element(string name, string? href = null, string? id = null) => new(name) { Href = href, Id = id };

    /// <summary>A <c>&lt;link href rel/&gt;</c> to a sub-collection; JSON always renders links as an array.</summary>
    public static ResourceNode Link(string href, string rel) => new("link") { Href = href, Rel = rel };

    public static ResourceNode List(string name) => new(name, ResourceNodeKind.List);

    public static ResourceNode Value(string name, string text) => new(name, ResourceNodeKind.Value) { Text = text };

    public static ResourceNode Value(string name, bool value) =>
        new(name, ResourceNodeKind.Value) { Text = value ? "true" : "false", ValueKind = ResourceValueKind.Boolean };

    public static ResourceNode Value(string name, long value) =>
        new(name, ResourceNodeKind.Value) { Text = value.ToString(CultureInfo.InvariantCulture), ValueKind = ResourceValueKind.Number };

    public static ResourceNode Value(string name, DateTimeOffset value) =>
        new(name, ResourceNodeKind.Value) { Text = value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ValueKind = ResourceValueKind.Date };

    public ResourceNode Add(ResourceNode? child)
    {
        if (child is not null)
        {
            (_children ??= []).Add(child);
        }

        return this;
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="child"/> was, keeping the order of the children.</summary>
    public void Replace(ResourceNode child, ResourceNode replacement)
    {
        var index = _children?.IndexOf(child) ?? -1;
        if (index < 0)
        {
            throw new ArgumentException($"'{child.Name}' is not a child of '{Name}'.", nameof(child));
        }

        _children![index] = replacement;
    }

    /// <summary>The same node under another element name, sharing its children: a followed <c>original_template</c> is a template.</summary>
    public ResourceNode Renamed(string name) =>
        string.Equals(name, Name, StringComparison.Ordinal)
            ? this
            : new ResourceNode(name, Kind) { ValueKind = ValueKind, Text = Text, Href = Href, Id = Id, Rel = Rel, _children = _children };

    public ResourceNode Add(string name, string? text) => text is null ? this : Add(Value(name, text));

    public ResourceNode Add(string name, bool value) => Add(Value(name, value));

    public ResourceNode Add(string name, long value) => Add(Value(name, value));

    public ResourceNode Add(string name, DateTimeOffset? value) => value is null ? this : Add(Value(name, value.Value));

    /// <summary>Adds a link to another resource: <c>&lt;cluster href=".." id=".."/&gt;</c>.</summary>
    public ResourceNode AddRef(string name, string collection, string? id) =>
        id is null ? this : Add(Element(name, $"{ApiPaths.Base}/{collection}/{id}", id));

    public ResourceNode? Child(string name)
    {
        if (_children is null)
        {
            return null;
        }

        foreach (var child in _children)
        {
            if (string.Equals(child.Name, name, StringComparison.Ordinal))
            {
                return child;
            }
        }

        return null;
    }

    public IEnumerable<ResourceNode> ChildrenNamed(string name) =>
        Children.Where(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>The text at a path of child names, e.g. <c>TextAt("host", "name")</c>; null when absent.</summary>
    public string? TextAt(params string[] path)
    {
        var node = this;
        foreach (var childName in path)
        {
            node = node.Child(childName);
            if (node is null)
            {
                return null;
            }
        }

        return node.Text;
    }

    /// <summary>The node at a path of child names, or null.</summary>
    public ResourceNode? NodeAt(params string[] path)
    {
        ResourceNode? node = this;
        foreach (var childName in path)
        {
            node = node.Child(childName);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A boolean in the forgiving way the engine reads them: "true"/"false" in any case.</summary>
    public bool? BoolAt(params string[] path)
    {
        var text = TextAt(path);
        return text is null ? null : string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
    }
}
