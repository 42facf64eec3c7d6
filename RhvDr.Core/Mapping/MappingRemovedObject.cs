namespace RhvDr.Core.Mapping;

/// <summary>An object the active mapping covers that a new version would no longer map: its kind in words and its primary-side name.</summary>
public sealed record MappingRemovedObject(string Kind, string Name)
{
    public override string ToString() => $"{Kind} {Name}";
}
