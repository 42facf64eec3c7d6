namespace RhvDr.Lab.Api;

/// <summary>One of the engine's permits (an action group): its numeric id, its API name and whether it is administrative.</summary>
public sealed record LabPermit(int Id, string Name, bool Administrative);
