namespace RhvDr.Lab.Resources;

/// <summary>How a node renders: an object with attributes and children, a scalar value, or a list of repeated elements.</summary>
public enum ResourceNodeKind
{
    Element,
    Value,
    List,
}
