namespace RhvDr.Core.Recovery;

/// <summary>An operator's request to start a run. Disaster mode needs <see cref="ConfirmSite"/> equal to the source site's name.</summary>
public sealed record RunRequest(RunKind Kind, RunMode Mode, string? ConfirmSite, string? OverrideReason, string RequestedBy);
