namespace RhvDr.Core.Mapping;

/// <summary>The result of reaching a side's engine, checked elsewhere and reported with the mapping findings.</summary>
public sealed record EngineCheck(MappingSide Side, bool Reachable, string Message);
