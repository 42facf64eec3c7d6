namespace RhvDr.Core.Incidents;

/// <summary>A run the console can start for the suggestion (<c>POST /api/runs</c> fields).</summary>
public sealed record SuggestedRun(string Kind, string Mode, string Source);
