namespace RhvDr.Core.Mapping;

/// <summary>A generated mapping and what the operator must review: what was excluded, assumed, or could not be matched.</summary>
public sealed record MappingGenerationResult(DrMapping Mapping, IReadOnlyList<MappingFinding> Findings);
