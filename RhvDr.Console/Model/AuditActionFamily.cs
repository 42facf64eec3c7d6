namespace RhvDr.Console.Model;

/// <summary>A family of audit actions the audit page filters by, e.g. every <c>run.</c> action.</summary>
/// <param name="Prefix">The action prefix, ending in a dot; empty for every action.</param>
public sealed record AuditActionFamily(string Prefix, string Label);
