namespace RhvDr.Core.Ovirt;

/// <summary>A link to another engine object: its id, and its name when the engine includes it.</summary>
public sealed record OvirtRef
{
    public string? Id { get; init; }

    public string? Name { get; init; }
}
