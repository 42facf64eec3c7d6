namespace RhvDr.Core.State;

/// <summary>A recovery plan that runs at <paramref name="Site"/> since the failover <paramref name="RunId"/> of that plan alone.</summary>
public sealed record DrPlanPlacement(string Plan, string Site, string RunId, DateTimeOffset Since);
