namespace RhvDr.Console.Model;

/// <summary>The action a finished run leads to: a button's label and the wizard link it opens; no link means resume this run.</summary>
public sealed record RunFollowUp(string Label, string? Href);
