namespace RhvDr.Core.Ovirt;

/// <summary>A version as the engine writes it; compatibility versions use major and minor only.</summary>
public sealed record OvirtVersion
{
    public int? Major { get; init; }

    public int? Minor { get; init; }

    public int? Build { get; init; }

    public int? Revision { get; init; }

    public string? FullVersion { get; init; }

    /// <summary><c>4.7</c>; null when the engine sent no version.</summary>
    public string? Compatibility => Major is { } major ? $"{major}.{Minor ?? 0}" : FullVersion;
}
