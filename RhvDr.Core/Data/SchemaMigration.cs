namespace RhvDr.Core.Data;

/// <summary>One versioned change to the schema; applied once, in version order, inside a transaction.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);
