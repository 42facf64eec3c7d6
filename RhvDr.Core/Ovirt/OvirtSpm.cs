namespace RhvDr.Core.Ovirt;

/// <summary>A host's SPM role: <c>spm</c>, <c>contending</c> or <c>none</c>.</summary>
public sealed record OvirtSpm
{
    public string? Status { get; init; }

    public int? Priority { get; init; }
}
