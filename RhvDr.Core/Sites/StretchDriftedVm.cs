namespace RhvDr.Core.Sites;

/// <summary>A VM running away from the site its soft affinity prefers.</summary>
public sealed record StretchDriftedVm(string Name, string PreferredSite, string RunningSite, string? Host, bool HighlyAvailable);
