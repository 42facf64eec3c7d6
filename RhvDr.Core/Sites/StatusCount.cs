namespace RhvDr.Core.Sites;

/// <summary>How many objects have one status value.</summary>
public sealed record StatusCount(string Status, int Count, HealthLevel Health);
