namespace RhvDr.Core.Mapping;

/// <summary>
/// One side of a vNIC profile mapping. <see cref="DataCenter"/> (<c>{side}_network_dc</c>) is only needed when the same
/// network and profile names exist in several data centers.
/// </summary>
public sealed record NetworkSide(string? NetworkName, string? ProfileName, string? ProfileId, string? DataCenter)
{
    public static NetworkSide Empty { get; } = new(null, null, null, null);
}
