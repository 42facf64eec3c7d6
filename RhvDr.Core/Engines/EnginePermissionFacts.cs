namespace RhvDr.Core.Engines;

/// <summary>Who the console is at the engine, what it holds, and which permits a DR run needs that it lacks.</summary>
/// <param name="UserName">As the engine writes it: <c>admin@internal-authz</c>.</param>
public sealed record EnginePermissionFacts(string? UserId, string? UserName, IReadOnlyList<EngineGrant> Grants, IReadOnlyList<DrPermit> Missing);
