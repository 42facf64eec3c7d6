namespace RhvDr.Core.Readiness;

/// <summary>The data a storage domain would lose if we failed over now: how far its replica is behind.</summary>
public sealed record DomainRpo(string Domain, string Mode, string State, int IntervalSeconds, double RpoSeconds, DateTimeOffset? LastSync);
