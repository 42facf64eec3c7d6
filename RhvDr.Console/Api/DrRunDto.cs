namespace RhvDr.Console.Api;

/// <summary>The run a next action starts, as <c>POST /api/runs</c> fields.</summary>
public sealed record DrRunDto(string Kind, string Mode, string Source);
