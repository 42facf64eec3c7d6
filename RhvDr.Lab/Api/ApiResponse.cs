using RhvDr.Lab.Resources;

namespace RhvDr.Lab.Api;

/// <summary>What an engine route answers: an HTTP status and a resource (or none), with a Location for created resources.</summary>
public sealed record ApiResponse(int StatusCode, ResourceNode? Body, string? Location = null);
