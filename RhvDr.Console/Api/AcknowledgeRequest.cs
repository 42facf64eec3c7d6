namespace RhvDr.Console.Api;

/// <summary>Body of <c>POST /api/incidents/{id}/ack</c>: a note. Who acknowledges is the signed-in user or token.</summary>
public sealed record AcknowledgeRequest(string? Note);
