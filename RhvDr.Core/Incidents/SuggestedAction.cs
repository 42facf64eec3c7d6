namespace RhvDr.Core.Incidents;

/// <summary>What an operator should do next, in words; <see cref="Run"/> when a DR run is the answer.</summary>
public sealed record SuggestedAction(string Title, string Detail, SuggestedRun? Run = null);
