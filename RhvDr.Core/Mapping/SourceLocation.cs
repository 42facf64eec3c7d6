namespace RhvDr.Core.Mapping;

/// <summary>A 1-based line and column in the imported file.</summary>
public readonly record struct SourceLocation(int Line, int Column);
