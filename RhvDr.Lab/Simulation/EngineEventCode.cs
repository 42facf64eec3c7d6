namespace RhvDr.Lab.Simulation;

/// <summary>An engine audit log type: its number, its name in the engine's <c>AuditLogType</c> and the severity the engine logs it with, as the REST API spells it.</summary>
public sealed record EngineEventCode(int Code, string Name, string Severity);
