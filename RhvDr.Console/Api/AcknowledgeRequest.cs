namespace RhvDr.Console.Api;

/// <summary>Body of <c>POST /api/incidents/{id}/ack</c>: who takes the incident (the signed-in user, else "operator") and a note.</summary>
public sealed record AcknowledgeRequest(string? By, string? Note);
