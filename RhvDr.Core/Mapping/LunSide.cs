namespace RhvDr.Core.Mapping;

/// <summary>One side of a direct LUN mapping (<c>{side}_logical_unit_*</c>, <c>{side}_storage_type</c>).</summary>
public sealed record LunSide
{
    public static LunSide Empty { get; } = new();

    public string? LogicalUnitId { get; init; }

    /// <summary>iscsi or fcp.</summary>
    public string? StorageType { get; init; }

    public string? Address { get; init; }

    public int? Port { get; init; }

    public string? Portal { get; init; }

    public string? Username { get; init; }

    /// <summary>CHAP password: kept as given because registration logs in with it; masked in logs.</summary>
    public SecretValue? Password { get; init; }

    public string? Target { get; init; }
}
