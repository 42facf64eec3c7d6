namespace RhvDr.Console.Api;

/// <summary>Body of <c>POST /api/runs/{id}/approve</c> and <c>/reject</c>: the second operator's written reason.</summary>
public sealed record ApprovalDto(string? Reason);
