using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary>A 400 answer: the body could not be read as a mapping at all, so nothing was saved.</summary>
public sealed record MappingRejectedDto(string Title, string Detail, IReadOnlyList<MappingFinding> Findings);
