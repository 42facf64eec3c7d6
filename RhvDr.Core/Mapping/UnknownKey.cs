namespace RhvDr.Core.Mapping;

/// <summary>
/// A key RhvDr does not know (a newer role version, an operator's own variable), kept in file order
/// so export writes it back. <paramref name="ValueYaml"/> is the value as a standalone YAML fragment.
/// </summary>
public sealed record UnknownKey(string Key, string ValueYaml);
