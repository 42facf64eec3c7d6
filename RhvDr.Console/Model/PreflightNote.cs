namespace RhvDr.Console.Model;

/// <summary>A preflight finding that does not block: where it comes from (mapping or readiness), its code, the text and the fix.</summary>
public sealed record PreflightNote(string Source, string Code, string Text, string? Fix);
