namespace RhvDr.Core.Recovery;

/// <summary>A coalesced batch for a subscriber: the events since the last batch, in order, and the run as it is now.</summary>
public sealed record RunUpdate(RunDetails Current, IReadOnlyList<RunEvent> Events);
