namespace RhvDr.Core.Mapping;

/// <summary>One saved version of the DR mapping with the findings it had when saved.</summary>
public sealed record StoredMapping(MappingVersionInfo Info, DrMapping Mapping, IReadOnlyList<MappingFinding> Findings);
