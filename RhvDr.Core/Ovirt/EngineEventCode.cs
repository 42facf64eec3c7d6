namespace RhvDr.Core.Ovirt;

/// <summary>An engine audit log type: the number events carry (<see cref="OvirtEvent.Code"/>) and its name in the engine's <c>AuditLogType</c>.</summary>
public sealed record EngineEventCode(int Code, string Name);
