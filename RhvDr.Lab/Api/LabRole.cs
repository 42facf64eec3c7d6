namespace RhvDr.Lab.Api;

/// <summary>A predefined engine role and the permits it grants.</summary>
public sealed record LabRole(string Id, string Name, string Description, bool Administrative, IReadOnlyList<LabPermit> Permits);
