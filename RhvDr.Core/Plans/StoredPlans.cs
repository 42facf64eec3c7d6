using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>One saved version of the plans document with the findings it had when saved.</summary>
public sealed record StoredPlans(PlanVersionInfo Info, PlanDocument Document, IReadOnlyList<MappingFinding> Findings);
